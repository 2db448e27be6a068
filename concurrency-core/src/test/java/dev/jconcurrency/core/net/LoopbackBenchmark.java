package dev.jconcurrency.core.net;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * the same JVM, and how many of them it held at once.
 *
 * <p>Not a unit test: a main that prints a measurement, shipped in core's test-jar. Each run starts
 * {@code --requests} virtual threads at once, one request each, and checks every body. A run's wall time goes
 * from the first thread started to the last response read; its peak is the server's
 * {@link LatencyServer#maxInFlight()}; its arrival spread is the time between the first and the last request
 * reaching the server's delay (all of them are in flight at once only if that spread is shorter than the
 * delay). Two ways to send:
 * <ul>
 *   <li>{@code fetch}: each thread calls {@link LatencyClient#fetch(int, Duration)}: connect, send, read,
 *       close, all at once.
 *   <li>{@code connect-first}: each thread connects, then waits at its gate until the last one has
 *       connected; then the gates open and all send (as a client with a warm connection pool would). The
 *       clock still includes the connecting.
 * </ul>
 * Warm-up runs come first (the JIT compiles the socket paths during them) and are printed but not counted.
 *
 * <p>How to run (from the repository root; Maven on any JDK, the run on JDK 21 or newer):
 * <pre>
 * mvn -q -B -pl concurrency-core test-compile
 * java -cp concurrency-core/target/classes:concurrency-core/target/test-classes \
 *     dev.jconcurrency.core.net.LoopbackBenchmark --requests 9000 --delay-ms 100 --runs 5
 * </pre>
 */
public final class LoopbackBenchmark {

    private static final String USAGE = "options: --requests N (9000) --delay-ms D (100) --runs R (5)"
        + " --warmups W (5) --mode fetch|connect-first|both (both)";

    private LoopbackBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = 9_000;
        int delayMillis = 100;
        int runs = 5;
        int warmups = 5;
        String mode = "both";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help")) {
                System.out.println(USAGE);
                return;
            }
            if (i + 1 == args.length) {
                fail("option " + option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--requests" -> requests = positive(option, value);
                case "--delay-ms" -> delayMillis = positive(option, value);
                case "--runs" -> runs = positive(option, value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--mode" -> mode = value;
                default -> fail("unknown option " + option + "; " + USAGE);
            }
        }
        if (!List.of("fetch", "connect-first", "both").contains(mode)) {
            fail("--mode must be fetch, connect-first or both: " + mode);
        }
        FileDescriptorLimit.Check check = FileDescriptorLimit.check(requests);
        System.out.println(check.explanation());
        if (!check.fits()) {
            System.exit(3);
        }
        System.out.printf(Locale.ROOT, "JDK %s, %d CPUs, load average %s; %,d requests x %d ms%n",
            Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage(), requests, delayMillis);
        Duration delay = Duration.ofMillis(delayMillis);
        for (String each : mode.equals("both") ? List.of("fetch", "connect-first") : List.of(mode)) {
            measure(each.equals("connect-first"), requests, delay, warmups, runs);
        }
    }

    private static void measure(boolean connectFirst, int requests, Duration delay, int warmups, int runs)
        throws Exception {
        String name = connectFirst ? "connect-first" : "fetch";
        Arrivals arrivals = new Arrivals();
        double[] walls = new double[runs];
        int[] peaks = new int[runs];
        try (LatencyServer server = LatencyServer.start(0, Thread.ofVirtual().name("latency-server-", 0).factory(),
                arrivals::sleep)) {
            for (int r = -warmups; r < runs; r++) {
                Run run = run(server, arrivals, requests, delay, connectFirst);
                System.out.printf(Locale.ROOT, "%s %s: %.3f s, peak %,d in flight, arrivals spread over %d ms,"
                        + " CPU %.0f us per request%n", name, r < 0 ? "warm-up " + (r + warmups + 1) : "run " + (r + 1),
                    run.seconds, run.peak, run.spreadMillis, run.cpuMicrosPerRequest);
                if (r >= 0) {
                    walls[r] = run.seconds;
                    peaks[r] = run.peak;
                }
            }
        }
        double[] sorted = walls.clone();
        Arrays.sort(sorted);
        long allInFlight = Arrays.stream(peaks).filter(peak -> peak == requests).count();
        System.out.printf(Locale.ROOT, "%s: median %.3f s, range %.3f-%.3f s over %d runs; all %,d in flight at"
                + " once in %d of %d runs (lowest peak %,d)%n", name, sorted[runs / 2], sorted[0], sorted[runs - 1],
            runs, requests, allInFlight, runs, Arrays.stream(peaks).min().orElse(0));
    }

    private record Run(double seconds, int peak, long spreadMillis, double cpuMicrosPerRequest) {
    }

    private static Run run(LatencyServer server, Arrivals arrivals, int requests, Duration delay,
        boolean connectFirst) throws Exception {
        server.resetMaxInFlight();
        arrivals.reset();
        long servedBefore = server.served();
        CountDownLatch connected = new CountDownLatch(requests);
        // One gate per request, opened one by one from here. A single shared latch would wake its waiters as a
        // chain, each woken thread waking the next, and 9,000 scheduling hops stretch the start of the sends.
        CountDownLatch[] gates = new CountDownLatch[requests];
        Arrays.setAll(gates, i -> new CountDownLatch(1));
        List<Future<String>> replies = new ArrayList<>(requests);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                CountDownLatch gate = gates[i];
                replies.add(executor.submit(() -> {
                    if (!connectFirst) {
                        return LatencyClient.fetch(server.port(), delay);
                    }
                    try (LatencyClient client = LatencyClient.connect(server.port())) {
                        connected.countDown();
                        gate.await();
                        // As fetch does: the server closes first and keeps the TIME_WAIT entry.
                        return client.exchange(delay, true);
                    }
                }));
            }
            if (connectFirst) {
                if (!connected.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not all clients connected within 60 s");
                }
                for (CountDownLatch gate : gates) {
                    gate.countDown();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicrosPerRequest = (processCpuNanos() - cpuStart) / 1e3 / requests;
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
        return new Run(seconds, server.maxInFlight(), arrivals.spreadMillis(), cpuMicrosPerRequest);
    }

    /**
     * The server's delay, plus a note of when the first and the last request of a run reached it: two atomic
     * updates per request, next to a sleep.
     */
    private static final class Arrivals {
        private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

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

    private static int positive(String option, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        fail(option + " must be a positive whole number: " + value);
        return 0;
    }

    /** CPU time of the whole process, all threads, client and server alike. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
