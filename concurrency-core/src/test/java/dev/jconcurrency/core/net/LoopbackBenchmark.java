package dev.jconcurrency.core.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how fast a {@link LatencyServer} answers many concurrent slow requests sent from virtual threads in
 * the same JVM, each on its own {@link LatencyClient} connection, and how many of them it held at once.
 *
 * <p>Not a unit test: a main that prints a measurement, shipped in core's test-jar. Each run starts
 * {@code --requests} virtual threads at once; each connects, sends {@code GET /delay/<delay>}, checks the
 * body and closes. A run's wall time goes from the first thread started to the last response read; the peak
 * is the server's {@link LatencyServer#maxInFlight()} for that run. With {@code --connect-first}, every thread
 * connects, then all wait at a gate until the last one has connected, and only then send their requests (as
 * a client with a warm connection pool would); the clock still includes the connecting.
 *
 * <p>How to run (from the repository root):
 * <pre>
 * mvn -q -B -pl concurrency-core test-compile
 * java -cp concurrency-core/target/classes:concurrency-core/target/test-classes \
 *     dev.jconcurrency.core.net.LoopbackBenchmark --requests 9000 --delay-ms 100 --runs 5
 * </pre>
 */
public final class LoopbackBenchmark {

    private LoopbackBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = 9_000;
        int delayMillis = 100;
        int runs = 5;
        int warmups = 2;
        boolean connectFirst = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--delay-ms" -> delayMillis = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--connect-first" -> connectFirst = true;
                case "--help" -> {
                    System.out.println("options: --requests N (9000) --delay-ms D (100) --runs R (5)"
                        + " --warmups W (2) --connect-first");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i]
                        + "; allowed: --requests, --delay-ms, --runs, --warmups, --connect-first, --help");
                    System.exit(2);
                }
            }
        }
        FileDescriptorLimit.Check check = FileDescriptorLimit.check(requests);
        System.out.println(check.explanation());
        if (!check.fits()) {
            System.exit(3);
        }
        System.out.printf(Locale.ROOT, "JDK %s, %d CPUs, %,d requests x %d ms, %s%n",
            Runtime.version(), Runtime.getRuntime().availableProcessors(), requests, delayMillis,
            connectFirst ? "connect first, then send" : "connect and send at once");

        Duration delay = Duration.ofMillis(delayMillis);
        double[] walls = new double[runs];
        try (LatencyServer server = LatencyServer.start(0, Thread.ofVirtual().name("latency-server-", 0).factory(),
                ARRIVALS::sleep)) {
            for (int w = 0; w < warmups; w++) {
                Run run = run(server, requests, delay, connectFirst);
                System.out.printf(Locale.ROOT, "warm-up %d: %.3f s, peak %,d in flight, arrivals over %d ms%n",
                    w + 1, run.seconds, run.peak, run.spreadMillis);
            }
            for (int r = 0; r < runs; r++) {
                Run run = run(server, requests, delay, connectFirst);
                walls[r] = run.seconds;
                System.out.printf(Locale.ROOT, "run %d: %.3f s, peak %,d in flight, arrivals over %d ms%n",
                    r + 1, run.seconds, run.peak, run.spreadMillis);
            }
        }
        double[] sorted = walls.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "median %.3f s, range %.3f-%.3f s over %d runs%n",
            sorted[runs / 2], sorted[0], sorted[runs - 1], runs);
    }

    private record Run(double seconds, int peak, long spreadMillis) {
    }

    /** When the first and the last request of a run reached the server's delay. */
    private static final class Arrivals {
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

        void sleep(long millis) throws InterruptedException {
            long now = System.nanoTime();
            if (now < first.get()) {
                first.accumulateAndGet(now, Math::min);
            }
            if (now > last.get()) {
                last.accumulateAndGet(now, Math::max);
            }
            Thread.sleep(millis);
        }

        void reset() {
            first.set(Long.MAX_VALUE);
            last.set(Long.MIN_VALUE);
        }

        long spreadMillis() {
            return (last.get() - first.get()) / 1_000_000;
        }
    }

    private static final Arrivals ARRIVALS = new Arrivals();

    private static Run run(LatencyServer server, int requests, Duration delay, boolean connectFirst)
        throws Exception {
        server.resetMaxInFlight();
        ARRIVALS.reset();
        long servedBefore = server.served();
        CountDownLatch connected = new CountDownLatch(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> replies = new ArrayList<>(requests);
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                replies.add(executor.submit(() -> {
                    if (!connectFirst) {
                        return LatencyClient.fetch(server.port(), delay);
                    }
                    try (LatencyClient client = LatencyClient.connect(server.port())) {
                        connected.countDown();
                        go.await();
                        // As fetch does: the server closes first and keeps the TIME_WAIT entry.
                        return client.exchange(delay, true);
                    }
                }));
            }
            if (connectFirst) {
                if (!connected.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not all clients connected within 60 s");
                }
                go.countDown();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String suffix = " delayed " + delay.toMillis() + " ms";
        for (Future<String> reply : replies) {
            String body = reply.resultNow();
            if (!body.startsWith("request ") || !body.endsWith(suffix)) {
                throw new IllegalStateException("unexpected body: " + body);
            }
        }
        if (server.served() - servedBefore != requests) {
            throw new IllegalStateException("served " + (server.served() - servedBefore) + " of " + requests);
        }
        return new Run(seconds, server.maxInFlight(), ARRIVALS.spreadMillis());
    }
}
