package dev.jconcurrency.async;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.net.FileDescriptorLimit;
import dev.jconcurrency.core.net.LatencyClient;
import dev.jconcurrency.core.net.LatencyServer;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntFunction;

/**
 * How many real network requests can one JVM keep in flight, and what does each client style cost? Thousands,
 * capped by the open-file limit rather than by threads: 9,000 loopback requests of 100 ms finish in 0.7 to 0.85 s
 * on virtual threads with plain blocking sockets; the JDK's {@link HttpClient}, blocking or with
 * {@code sendAsync}, takes 1.4 to 3 s, because each request costs it about twice the CPU and far more garbage,
 * and on two cores that work, not the waiting, sets the time.
 *
 * <p>{@link Async_04_MillionWaits} waited on timers; here every wait is a socket: a connection, a request
 * written, a response read, served by concurrency-core's {@link LatencyServer} on 127.0.0.1, which answers each
 * request after the delay it asks for and counts how many it holds at once. {@link Async_06_BackPressure}
 * shows the {@link Semaphore} this lesson uses as a cap.
 */
public final class Async_05_LoopbackAtScale {

    static final String QUESTION = "How many real requests can one JVM keep in flight, and what does each client "
        + "style cost?";

    /**
     * Requests' worth of file descriptors kept free when the limit sets the cap: the HTTP client's selector,
     * class-path jars and whatever else the JVM opens meanwhile (core's javadoc asks for "a few dozen").
     */
    static final int HEADROOM = 32;

    private Async_05_LoopbackAtScale() {
    }

    /*
     * Suppose a service whose every call takes 100 ms, and 9,000 calls to make. One after another they take
     * 900 seconds; the ideal, all at once, is 100 ms. The server is core's LatencyServer: GET /delay/100
     * answers "request 17 delayed 100 ms" after 100 ms, from a virtual thread per connection, and its
     * maxInFlight() is the most requests it held at the same moment: the evidence that our requests overlapped,
     * measured on the far side of a real socket.
     *
     * Three client styles, each the natural way to write the calls:
     *
     *   sockets  one virtual thread per request, each doing blocking socket I/O with core's LatencyClient:
     *            connect, write the request, read the response, close. The code a beginner would write.
     *   send     one virtual thread per request, each calling the JDK's HttpClient.send, which blocks. Same
     *            shape, a real HTTP client underneath.
     *   async    one thread calls HttpClient.sendAsync 9,000 times and joins the futures: the asyncio way.
     */

    /** How the requests are sent. */
    public enum Style {
        /** One virtual thread per request, blocking socket I/O with {@link LatencyClient}. */
        SOCKETS("virtual threads, blocking sockets", "sockets"),
        /** One virtual thread per request, blocking {@link HttpClient#send}. */
        HTTP_SEND("HttpClient.send on virtual threads", "send"),
        /** {@link HttpClient#sendAsync} from one thread, futures joined. */
        HTTP_SEND_ASYNC("HttpClient.sendAsync", "async");

        private final String label;
        private final String option;

        Style(String label, String option) {
            this.label = label;
            this.option = option;
        }

        /** The name in the table. */
        public String label() {
            return label;
        }

        /** The word on the command line. */
        public String option() {
            return option;
        }

        boolean http() {
            return this != SOCKETS;
        }

        static Style of(String option) {
            for (Style style : values()) {
                if (style.option.equals(option)) {
                    return style;
                }
            }
            throw new IllegalArgumentException("option must name a style: " + option);
        }
    }

    /*
     * The first limit is not threads but file descriptors. Each request in flight holds a socket at each end,
     * and client and server share this JVM, so 9,000 requests need 18,000 descriptors; the operating system
     * caps how many a process may hold (ulimit -n, raised by the JVM to the hard limit as it starts). Core's
     * FileDescriptorLimit.check(n) reads the limit and the descriptors already open and says whether n fits.
     * When the planned count does not, we do what asyncio programs do with a Semaphore: keep the requests,
     * but let only as many be in flight as fit. The largest count that fits is found by asking check itself.
     */

    /** Where the search for the limit stops: room for this many requests is as good as no limit at all. */
    static final int MAX_ROOM = 1 << 24;

    /**
     * The most requests that fit in flight at once with {@link #HEADROOM} to spare: a binary search over
     * {@code check}, which must say yes to fewer requests whenever it says yes to more.
     *
     * @return the count, 0 when not even one request fits, -1 when {@link #MAX_ROOM} fit (the limit is
     *     unlimited or could not be read)
     */
    static int room(IntFunction<FileDescriptorLimit.Check> check) {
        if (check.apply(MAX_ROOM + HEADROOM).fits()) {
            return -1;
        }
        int low = 0;
        int high = MAX_ROOM - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (check.apply(middle + HEADROOM).fits()) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /*
     * One round: reset the server's high-water mark, note the clock and what the JVM has spent so far (the
     * process's CPU time, the garbage collectors' pauses, the JIT compilers' time and, for the HTTP styles, the
     * CPU time of the client's selector thread), send every request through the Semaphore, read every body,
     * note them all again. The CPU time is the whole process's, server included; the server does the same work
     * for every style, so the differences between styles are the clients'.
     */

    /**
     * One measured round.
     *
     * @param style how the requests were sent
     * @param reusedConnections false: every request opened a connection; true: the HTTP client reused the
     *     keep-alive connections of the round before
     * @param requests how many requests
     * @param concurrency the Semaphore's permits: the most requests allowed in flight at once
     * @param delay the delay each request asked of the server
     * @param maxInFlight the most requests the server held at the same moment
     * @param wall from the first request sent to the last response read
     * @param cpuNanos CPU time of the whole process during the round, every thread, server included
     * @param gcMillis time the garbage collectors reported spending during the round (with the Serial
     *     collector, all of it with every other thread stopped)
     * @param jitMillis time the JIT compilers reported spending during the round, on their own threads
     * @param selectorCpuNanos CPU time of the HTTP client's selector thread during the round; -1 for sockets or
     *     when the thread could not be found
     * @param bodies every response body, e.g. {@code request 17 delayed 100 ms}
     * @param completedOn for {@code sendAsync}: the threads (names without their number) that completed the
     *     futures {@code sendAsync} returned; empty for the blocking styles, where the caller's thread reads
     *     its own response
     */
    public record Round(Style style, boolean reusedConnections, int requests, int concurrency, Duration delay,
                        int maxInFlight, Duration wall, long cpuNanos, long gcMillis, long jitMillis,
                        long selectorCpuNanos, List<String> bodies, Set<String> completedOn) {
        /** Copies the collections. */
        public Round {
            bodies = List.copyOf(bodies);
            completedOn = Set.copyOf(completedOn);
        }

        /** Responses per second of wall time. */
        public double requestsPerSecond() {
            return requests / (wall.toNanos() / 1e9);
        }

        /** The sequential ideal (one request after another: requests × delay) over the wall time. */
        public double speedup() {
            return (double) requests * delay.toNanos() / wall.toNanos();
        }

        /** CPU time per request, in microseconds, client and server together. */
        public double cpuMicrosPerRequest() {
            return cpuNanos / 1e3 / requests;
        }

        /** The share of the wall time the selector thread was on a CPU; -1 if not measured. */
        public double selectorShare() {
            return selectorCpuNanos < 0 ? -1 : (double) selectorCpuNanos / wall.toNanos();
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    /*
     * Style (a): a virtual thread per request, and code that blocks. LatencyClient.fetch connects, sends
     * "GET /delay/100", reads the answer and closes (after the server, so the server keeps the TIME_WAIT entry,
     * not our side of 9,000 connections). While it waits, the virtual thread is parked and its carrier serves
     * others: 9,000 blocked reads cost 9,000 parked threads, and two carriers.
     */

    static String viaSocket(LatencyServer server, Duration delay, Semaphore permits)
        throws IOException, InterruptedException {
        permits.acquire();
        try {
            return LatencyClient.fetch(server.port(), delay);
        } finally {
            permits.release();
        }
    }

    /*
     * Style (b): the same virtual thread per request, calling HttpClient.send. The JDK's client is built
     * differently underneath: one platform thread per client, its "SelectorManager", does every connection's
     * reads and writes with a java.nio Selector, and hands the bytes to the client's executor, which parses
     * them and completes the future that send() waits on. We give the client our executor (virtual threads),
     * so none of its work lands on a pool we did not choose, and force HTTP/1.1: the server speaks nothing
     * else, and a default client would first offer an upgrade to HTTP/2.
     */

    static HttpClient httpClient(ExecutorService executor) {
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(executor)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    }

    static HttpRequest request(LatencyServer server, Duration delay) {
        // A deadline per request, as LatencyClient has: the delay plus 30 s.
        return HttpRequest.newBuilder(server.uri(delay)).timeout(delay.plusSeconds(30)).GET().build();
    }

    static String viaSend(HttpClient client, HttpRequest request, Semaphore permits)
        throws IOException, InterruptedException {
        permits.acquire();
        try {
            return body(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } finally {
            permits.release();
        }
    }

    /** The one-line body of a 200 response, without its newline; any other status is a failure. */
    static String body(HttpResponse<String> response) {
        String body = response.body().strip();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + response.uri() + ": " + body);
        }
        return body;
    }

    /*
     * Style (c): sendAsync. One thread sends every request and gets a future for each, as asyncio's gather
     * would; the Semaphore is acquired by that sending loop (back-pressure on the producer) and released when
     * a response is done.
     *
     * Which thread completes the future sendAsync returns? Not one of the client's executor: the JDK's
     * HttpClientImpl ends sendAsync with whenCompleteAsync(..., ASYNC_POOL), commented "makes sure that any
     * dependent actions happen in the CF default executor", and CompletableFuture's default executor is the
     * common pool (on JDK 21 to 24 with fewer than three CPUs, a new thread per task). On two CPUs the common
     * pool has a single worker (TESTING.md). We measure it rather than take the source's word: a probe notes
     * the completing thread's name; then our own continuation moves at once to our executor with
     * thenApplyAsync, so nothing of ours runs, let alone blocks, there.
     */

    static CompletableFuture<String> viaSendAsync(HttpClient client, HttpRequest request, Semaphore permits,
                                                  Set<String> completedOn, ExecutorService executor)
        throws InterruptedException {
        permits.acquire();
        try {
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> completedOn.add(threadGroupName(Thread.currentThread())))
                .thenApplyAsync(Async_05_LoopbackAtScale::body, executor)
                .whenComplete((body, failure) -> permits.release());
        } catch (RuntimeException e) {
            permits.release(); // sendAsync refused the request: its permit is not in use
            throw e;
        }
    }

    /** A thread's name without its trailing number: {@code ForkJoinPool.commonPool-worker-}. */
    static String threadGroupName(Thread thread) {
        String name = thread.getName();
        if (name.isEmpty()) {
            return thread.isVirtual() ? "(unnamed virtual thread)" : "(unnamed thread)";
        }
        return name.replaceAll("\\d+$", "");
    }

    /*
     * The HTTP client's selector thread is a platform thread named "HttpClient-<id>-SelectorManager"; the
     * client's toString ends with "(<id>)" (the JDK's own tests rely on it to find the thread). Its CPU time
     * tells us whether that one thread is what limits the client.
     */

    static Thread selectorThread(HttpClient client) {
        String text = client.toString();
        int open = text.lastIndexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return null;
        }
        String name = "HttpClient-" + text.substring(open + 1, text.length() - 1) + "-SelectorManager";
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().equals(name)).findFirst().orElse(null);
    }

    private static long cpuNanos(Thread thread) {
        return thread == null ? -1 : THREADS.getThreadCpuTime(thread.threadId());
    }

    /*
     * Each style runs in a phase of its own: a fresh server (so its counts and its connections are this
     * style's alone), and for HTTP a fresh client, closed with everything it opened at the end. An HTTP phase
     * measures two rounds: the first opens a connection per request, as the socket style does; the second
     * finds those connections idle in the client's keep-alive pool and reuses them. The difference is what
     * connection setup costs.
     */

    static List<Round> phase(Style style, int rounds, int requests, int concurrency, Duration delay,
                             ThreadFactory threads) throws Exception {
        List<Round> measured = new ArrayList<>();
        try (LatencyServer server = LatencyServer.start(0, threads);
             ExecutorService executor = Executors.newThreadPerTaskExecutor(threads);
             HttpClient client = style.http() ? httpClient(executor) : null) {
            for (int round = 0; round < rounds; round++) {
                measured.add(round(style, round > 0, requests, concurrency, delay, server, client, executor,
                    threads));
            }
        }
        return measured;
    }

    static Round round(Style style, boolean reused, int requests, int concurrency, Duration delay,
                       LatencyServer server, HttpClient client, ExecutorService executor, ThreadFactory threads)
        throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        Set<String> completedOn = ConcurrentHashMap.newKeySet();
        Thread selector = client == null ? null : selectorThread(client);
        HttpRequest request = client == null ? null : request(server, delay);
        server.resetMaxInFlight();
        long selectorBefore = cpuNanos(selector);
        long cpuBefore = processCpuNanos();
        long gcBefore = gcMillis();
        long jitBefore = jitMillis();
        long start = System.nanoTime();
        List<String> bodies = new ArrayList<>(requests);
        if (style == Style.HTTP_SEND_ASYNC) {
            List<CompletableFuture<String>> replies = new ArrayList<>(requests);
            for (int i = 0; i < requests; i++) {
                replies.add(viaSendAsync(client, request, permits, completedOn, executor));
            }
            for (CompletableFuture<String> reply : replies) {
                bodies.add(get(reply));
            }
        } else {
            List<Future<String>> replies = new ArrayList<>(requests);
            Callable<String> call = style == Style.SOCKETS
                ? () -> viaSocket(server, delay, permits)
                : () -> viaSend(client, request, permits);
            try (ExecutorService perRequest = Executors.newThreadPerTaskExecutor(threads)) {
                for (int i = 0; i < requests; i++) {
                    replies.add(perRequest.submit(call));
                }
            }
            for (Future<String> reply : replies) {
                bodies.add(get(reply));
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        long cpu = processCpuNanos() - cpuBefore;
        long gc = gcMillis() - gcBefore;
        long jit = jitMillis() - jitBefore;
        long selectorCpu = selector == null ? -1 : cpuNanos(selector) - selectorBefore;
        return new Round(style, reused, requests, concurrency, delay, server.maxInFlight(), wall, cpu, gc, jit,
            selectorCpu, bodies, completedOn);
    }

    /** The value of a finished request; its failure, unwrapped, as the round's failure. */
    private static String get(Future<String> reply) throws Exception {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }

    /**
     * What to measure.
     *
     * @param requests how many requests per round
     * @param delay how long the server waits before answering each
     * @param styles the client styles, in order
     * @param warmups rounds per style run first and not counted, so that the JIT has compiled the paths the
     *     measured rounds take
     * @param cap the most requests in flight at once, or 0 for no cap of our own (the file-descriptor limit
     *     still caps)
     */
    public record Config(int requests, Duration delay, List<Style> styles, int warmups, int cap) {
        /** 9,000 requests of 100 ms, every style, one warm-up round each, no cap of our own. */
        public static final Config DEFAULT = new Config(9_000, Duration.ofMillis(100), List.of(Style.values()), 1, 0);

        /** Copies the list and checks the values. */
        public Config {
            if (requests < 1) {
                throw new IllegalArgumentException("requests must be positive: " + requests);
            }
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.toMillis() > LatencyServer.MAX_DELAY_MILLIS) {
                throw new IllegalArgumentException("delay must be from 0 to " + LatencyServer.MAX_DELAY_MILLIS
                    + " ms: " + delay);
            }
            styles = List.copyOf(Objects.requireNonNull(styles, "styles"));
            if (styles.isEmpty()) {
                throw new IllegalArgumentException("styles must not be empty: " + styles);
            }
            if (warmups < 0) {
                throw new IllegalArgumentException("warmups must not be negative: " + warmups);
            }
            if (cap < 0) {
                throw new IllegalArgumentException("cap must not be negative: " + cap);
            }
        }
    }

    /**
     * Everything the lesson measured.
     *
     * @param config what was measured
     * @param openFileLimit this process's open-file limit, -1 if unknown ({@link Long#MAX_VALUE}: unlimited)
     * @param room the most requests that fit in flight at once under that limit, keeping {@link #HEADROOM}
     *     spare; -1 for no limit found
     * @param planned the requests planned in flight at once: all of them, or the configured cap
     * @param fits whether {@code planned} fit under the open-file limit
     * @param explanation core's one-line verdict on {@code planned}
     * @param concurrency the Semaphore's permits in every round: {@code planned}, or {@code room} if
     *     {@code planned} did not fit
     * @param rounds the measured rounds, by style
     */
    public record Result(Config config, long openFileLimit, int room, int planned, boolean fits,
                         String explanation, int concurrency, List<Round> rounds) {
        /** Copies the list. */
        public Result {
            rounds = List.copyOf(rounds);
        }
    }

    /**
     * Checks the file-descriptor limit, then measures every style of {@code config}: warm-up rounds, then one
     * round with new connections and, for the HTTP styles, one on reused connections.
     *
     * @param config what to measure
     * @param threads makes every thread the lesson starts: the server's, one per request, and the HTTP
     *     client's executor's; tests pass a tracking factory
     * @param report where the limit's verdict and the warm-up rounds are reported as they happen
     * @return what was measured
     * @throws Exception if a request fails
     */
    public static Result run(Config config, ThreadFactory threads, Report report) throws Exception {
        return run(config, threads, report, FileDescriptorLimit::check);
    }

    static Result run(Config config, ThreadFactory threads, Report report,
                      IntFunction<FileDescriptorLimit.Check> descriptors) throws Exception {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(report, "report");
        long limit = FileDescriptorLimit.openFileLimit().orElse(-1);
        int room = room(descriptors);
        int planned = config.cap() == 0 ? config.requests() : Math.min(config.cap(), config.requests());
        FileDescriptorLimit.Check check = descriptors.apply(planned);
        int concurrency = check.fits() ? planned : Math.min(planned, room);
        if (concurrency < 1) {
            throw new IllegalStateException("not even one request fits under the open-file limit: "
                + check.explanation());
        }
        report.line(limitLine(limit, room));
        report.line(check.explanation() + ".");
        if (!check.fits()) {
            report.line(String.format(Locale.ROOT, "So a Semaphore caps the requests in flight at %,d; all %,d "
                + "requests still run, %,d at a time.", concurrency, config.requests(), concurrency));
        }
        List<Round> rounds = new ArrayList<>();
        for (Style style : config.styles()) {
            for (int w = 1; w <= config.warmups(); w++) {
                Round warm = phase(style, 1, config.requests(), concurrency, config.delay(), threads).get(0);
                report.line(String.format(Locale.ROOT, "%s: warm-up round %d, %s (not counted)", style.label(), w,
                    Report.seconds(warm.wall())));
            }
            rounds.addAll(phase(style, style.http() ? 2 : 1, config.requests(), concurrency, config.delay(),
                threads));
        }
        return new Result(config, limit, room, planned, check.fits(), check.explanation(), concurrency, rounds);
    }

    static String limitLine(long limit, int room) {
        String files = limit < 0 ? "an unknown number of" : limit == Long.MAX_VALUE ? "any number of"
            : String.format(Locale.ROOT, "%,d", limit);
        String fit = room < 0 ? "no limit was found on the requests in flight at once"
            : String.format(Locale.ROOT, "room for %,d requests in flight at once, %d requests' worth kept spare",
                room, HEADROOM);
        return "This JVM may hold " + files + " open files (ulimit -n, as the JVM raised it): " + fit + ".";
    }

    /*
     * It turns out (typical output below; four runs with the command below and several while writing the
     * lesson gave the same picture):
     *
     *   - Bare blocking sockets on virtual threads finish 9,000 requests of 100 ms in 0.7 to 0.85 s, 1,100 to
     *     1,300 times faster than one after another. Waiting costs nothing; the time is the CPU for 9,000
     *     connections, each opened, written, read and closed at both ends (140 to 165 us a request, the
     *     server's share included). How many are in flight at once depends on how fast they leave: on two
     *     loaded cores, 4,800 to 9,000 of the 9,000 (the first answers come back while the last requests are
     *     still being sent); with --delay 1s, all 9,000.
     *   - HttpClient, with send on virtual threads or with sendAsync, takes 1.4 to 3 s. Where its time goes:
     *       CPU: 230 to 370 us a request, 1.5 to 2.7 times a bare socket's; spread over two cores that alone
     *         is 1.0 to 1.7 s of each round. (Which of the client's methods burn it is a profiler's question;
     *         this lesson only weighs it.)
     *       Garbage: the collectors report 0.3 to 1.1 s a round, against 0.07 s for sockets. With the Serial
     *         collector of the run profile a pause stops every thread, so the other core idles meanwhile: in
     *         the run below, CPU over two cores plus that idle half of the pauses (1.56 + 0.27 s) accounts for
     *         1.83 of the 1.87 s of the send round, and 1.69 of the 1.70 s of the sendAsync round.
     *       The JIT: still compiling the client's code after a warm-up round (1.4 to 2.8 s of compiler time a
     *         round, part of the CPU above).
     *       The selector thread: on a CPU 6 to 16% of a round, so it is not the bottleneck.
     *       Connection setup: reusing the keep-alive connections saved from nothing to 1.1 s, run to run
     *         (0.3 s below); a part of the cost at times, never most of it.
     *   - sendAsync was a little faster than send on virtual threads in three runs of four (5 to 30%) and
     *     slower in one: the same client does the same work either way, less one parked virtual thread per
     *     request. And every future it returns is completed on the common pool, although the client has an
     *     executor of its own: the reason our continuation names an executor.
     *
     * The choice this suggests: for many concurrent calls, plain blocking code on virtual threads is both the
     * simplest and the cheapest; an HTTP client earns its cost with what it does (HTTP/2, TLS, redirects,
     * timeouts), not with how many requests it can hold. And before any of it, read the open-file limit.
     */

    static void print(Result result, Report report) {
        Config config = result.config();
        report.blank();
        report.line(String.format(Locale.ROOT, "JDK %s, %d CPUs (load average %s), garbage collectors: %s. Each "
                + "round: %,d requests of %s, at most %,d in flight at once.", Runtime.version(),
            Runtime.getRuntime().availableProcessors(), Async_04_MillionWaits.read("/proc/loadavg").split(" ")[0],
            String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList()),
            config.requests(), Report.duration(config.delay()), result.concurrency()));
        Table table = Table.of("style", "connections", "in flight (max)", "wall", "requests/s", "speedup",
            "CPU/request", "GC", "JIT", "selector thread");
        for (Round r : result.rounds()) {
            table.row(r.style().label(), r.reusedConnections() ? "reused" : "new",
                String.format(Locale.ROOT, "%,d", r.maxInFlight()), Report.seconds(r.wall()),
                String.format(Locale.ROOT, "%,.0f", r.requestsPerSecond()),
                String.format(Locale.ROOT, "%,.0fx", r.speedup()),
                String.format(Locale.ROOT, "%,.0f us", r.cpuMicrosPerRequest()),
                String.format(Locale.ROOT, "%,d ms", r.gcMillis()), String.format(Locale.ROOT, "%,d ms", r.jitMillis()),
                r.selectorCpuNanos() < 0 ? "-" : String.format(Locale.ROOT, "%,d ms (%.0f%%)",
                    Math.round(r.selectorCpuNanos() / 1e6), 100 * r.selectorShare()));
        }
        Async_03_CooperativeScheduling.printTable(report, table);
        report.line(String.format(Locale.ROOT, "speedup: over the same requests one after another (%s). CPU/request:"
                + " the whole process's CPU time per request, server and JIT included. GC, JIT: time the collectors "
                + "and compilers reported for the round.",
            Report.seconds(config.delay().multipliedBy(config.requests()))));
        report.blank();
        for (String line : reading(result)) {
            report.line(line);
        }
    }

    /*
     * The reading turns the rows into sentences, so that each claim about the HTTP client's time stands next
     * to the figure it rests on: its CPU per request against a bare socket's (and what that CPU alone costs
     * spread over every core: a round can be no faster, whatever it waits for), the collectors' and
     * compilers' share, what reusing connections saves, and how busy the one selector thread was.
     */

    static List<String> reading(Result result) {
        List<String> lines = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        Round sockets = find(result, Style.SOCKETS, false);
        if (sockets != null) {
            String held = sockets.concurrency() < sockets.requests()
                ? String.format(Locale.ROOT, "%,d requests in flight at once (the cap: %,d)", sockets.maxInFlight(),
                    sockets.concurrency())
                : String.format(Locale.ROOT, "%,d of %,d requests in flight at once", sockets.maxInFlight(),
                    sockets.requests());
            lines.add(String.format(Locale.ROOT, "%s: %s, %s in all: the %s wait, and %s of CPU (spread over %d "
                    + "cores) to send, connect and serve them%s", Style.SOCKETS.label(), held,
                Report.seconds(sockets.wall()), Report.duration(sockets.delay()),
                Report.seconds(Duration.ofNanos(sockets.cpuNanos() / cores)), cores,
                sockets.maxInFlight() < sockets.concurrency()
                    ? "; the first answers came back before the last requests left (a longer --delay lets all "
                        + "overlap)."
                    : "."));
        }
        for (Style style : List.of(Style.HTTP_SEND, Style.HTTP_SEND_ASYNC)) {
            Round fresh = find(result, style, false);
            Round reused = find(result, style, true);
            if (fresh == null || reused == null) {
                continue;
            }
            StringBuilder line = new StringBuilder(style.label()).append(": ");
            line.append(String.format(Locale.ROOT, "%,.0f us of CPU per request", fresh.cpuMicrosPerRequest()));
            if (sockets != null) {
                line.append(String.format(Locale.ROOT, " against %,.0f us for bare sockets",
                    sockets.cpuMicrosPerRequest()));
            }
            line.append(String.format(Locale.ROOT, "; spread over %d cores, that CPU alone takes %s of the round's "
                    + "%s. Meanwhile the collectors reported %,d ms and the JIT compilers %,d ms. ", cores,
                Report.seconds(Duration.ofNanos(fresh.cpuNanos() / cores)), Report.seconds(fresh.wall()),
                fresh.gcMillis(), fresh.jitMillis()));
            Duration setup = fresh.wall().minus(reused.wall());
            boolean setupMatters = setup.multipliedBy(10).compareTo(fresh.wall()) >= 0;
            line.append(String.format(Locale.ROOT, "On reused connections: %s, %s. ", Report.seconds(reused.wall()),
                setupMatters ? String.format(Locale.ROOT, "so opening %,d connections cost %s", fresh.requests(),
                    Report.seconds(setup))
                    : "not 10% faster: opening connections was not what cost time in this run"));
            if (fresh.selectorShare() >= 0) {
                line.append(String.format(Locale.ROOT, "The selector thread was on a CPU %.0f%% of the round: %s",
                    100 * fresh.selectorShare(), fresh.selectorShare() > 0.8 ? "it is the bottleneck."
                        : "busy, but not what limits the client."));
            }
            if (!fresh.completedOn().isEmpty()) {
                line.append(" Its futures were completed on threads named ").append(String.join("N, ",
                    new TreeSet<>(fresh.completedOn()))).append("N.");
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static Round find(Result result, Style style, boolean reused) {
        return result.rounds().stream().filter(r -> r.style() == style && r.reusedConnections() == reused)
            .findFirst().orElse(null);
    }

    static CommandLine commandLine() {
        return CommandLine.builder("examples-async --lesson 5",
                "N concurrent requests to a loopback latency server, three client styles, max in flight, wall "
                    + "time and where the time goes.")
            .intOption("requests", 9_000, 1, 1_000_000, "requests per round")
            .durationOption("delay", Duration.ofMillis(100), Duration.ZERO,
                Duration.ofMillis(LatencyServer.MAX_DELAY_MILLIS), "the server's delay per request")
            .choiceOption("style", List.of("all", "sockets", "send", "async"), "all", "which client styles")
            .intOption("warmups", 1, 0, 10, "uncounted rounds per style first, for the JIT")
            .intOption("cap", 0, 0, 1_000_000, "the most requests in flight at once (0: only the open-file limit)")
            .build();
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return commandLine().run(args, out, err, arguments -> {
            String style = arguments.choice("style");
            Config config = new Config(arguments.intValue("requests"), arguments.duration("delay"),
                style.equals("all") ? List.of(Style.values()) : List.of(Style.of(style)),
                arguments.intValue("warmups"), arguments.intValue("cap"));
            Report report = Report.to(out);
            report.banner("REAL I/O AT SCALE: LOOPBACK REQUESTS");
            print(run(config, Thread.ofVirtual().factory(), report), report);
        });
    }

    /*
     * How to run (from the repository root):
     *
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async -Dargs="--lesson 5"
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async \
     *         -Dargs="--lesson 5 --requests 30000 --style sockets"
     *
     * Look for: the in-flight counts against the 9,000; the HTTP rows' CPU/request and GC against the socket
     * row's; with --requests 30000 (more than an open-file limit of 20,000 can hold), the Semaphore's cap.
     *
     * Typical output (2 CPUs shared with other builds, load average 2.3-2.5, Linux 6.18, Temurin JDK 25.0.3,
     * 2026-11-25; the long lines wrapped here):
     *
     *     This JVM may hold 20,000 open files (ulimit -n, as the JVM raised it): room for 9,965 requests in flight
     *       at once, 32 requests' worth kept spare.
     *     9,000 concurrent requests fit: they need 18,000 file descriptors (2 per request: the client's and the
     *       server's socket in one JVM) and 19,995 of the open-file limit of 20,000 are free.
     *     virtual threads, blocking sockets: warm-up round 1, 1.07 sec (not counted)
     *     HttpClient.send on virtual threads: warm-up round 1, 2.82 sec (not counted)
     *     HttpClient.sendAsync: warm-up round 1, 1.90 sec (not counted)
     *
     *     JDK 25.0.3+9-LTS, 2 CPUs (load average 2.45), garbage collectors: Copy, MarkSweepCompact. Each round:
     *       9,000 requests of 0.1 sec, at most 9,000 in flight at once.
     *     style                               connections  in flight (max)      wall  requests/s  speedup  CPU/request      GC       JIT  selector thread
     *     ----------------------------------  -----------  ---------------  --------  ----------  -------  -----------  ------  --------  ---------------
     *     virtual threads, blocking sockets   new                    8,554  0.81 sec      11,048   1,105x       164 us   74 ms    833 ms  -
     *     HttpClient.send on virtual threads  new                    3,222  1.87 sec       4,825     483x       347 us  543 ms  1,774 ms  293 ms (16%)
     *     HttpClient.send on virtual threads  reused                 7,354  1.53 sec       5,865     586x       281 us  411 ms  1,612 ms  161 ms (11%)
     *     HttpClient.sendAsync                new                    2,941  1.70 sec       5,293     529x       316 us  535 ms  1,994 ms  259 ms (15%)
     *     HttpClient.sendAsync                reused                 6,016  1.38 sec       6,523     652x       251 us  408 ms  1,362 ms  161 ms (12%)
     *     speedup: over the same requests one after another (900.00 sec). CPU/request: the whole process's CPU
     *       time per request, server and JIT included. GC, JIT: time the collectors and compilers reported for
     *       the round.
     *
     *     virtual threads, blocking sockets: 8,554 of 9,000 requests in flight at once, 0.81 sec in all: the 0.1
     *       sec wait, and 0.74 sec of CPU (spread over 2 cores) to send, connect and serve them; the first
     *       answers came back before the last requests left (a longer --delay lets all overlap).
     *     HttpClient.send on virtual threads: 347 us of CPU per request against 164 us for bare sockets; spread
     *       over 2 cores, that CPU alone takes 1.56 sec of the round's 1.87 sec. Meanwhile the collectors
     *       reported 543 ms and the JIT compilers 1,774 ms. On reused connections: 1.53 sec, so opening 9,000
     *       connections cost 0.33 sec. The selector thread was on a CPU 16% of the round: busy, but not what
     *       limits the client.
     *     HttpClient.sendAsync: 316 us of CPU per request against 164 us for bare sockets; spread over 2 cores,
     *       that CPU alone takes 1.42 sec of the round's 1.70 sec. Meanwhile the collectors reported 535 ms and
     *       the JIT compilers 1,994 ms. On reused connections: 1.38 sec, so opening 9,000 connections cost
     *       0.32 sec. The selector thread was on a CPU 15% of the round: busy, but not what limits the client.
     *       Its futures were completed on threads named ForkJoinPool.commonPool-worker-N.
     *
     *     Three more runs of the same command (load average 3.7-4.7): sockets 0.83, 0.69 and 0.69 sec (8,503,
     *     8,997 and 4,841 in flight at once); send, new connections 2.00, 2.71 and 1.90 sec, reused 2.18, 1.63
     *     and 1.86 sec; sendAsync, new 1.86, 2.97 and 1.57 sec, reused 1.55, 1.98 and 1.49 sec. With
     *     --requests 30000 --style sockets: capped at 9,965, at most 9,618 in flight at once, 2.21 sec.
     */

    /**
     * Runs the lesson; options {@code --requests N}, {@code --delay TIME}, {@code --style all|sockets|send|async},
     * {@code --warmups N}, {@code --cap N}.
     *
     * @param args the command line
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
