package dev.jconcurrency.async;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.process.ChildJvm;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * How many concurrent waits can one JVM hold? A million: a million 1-second waits finish in about 1.2 s on
 * futures completed by a timing wheel, at a few hundred bytes each; virtual threads hold a million too, at about
 * a kilobyte each, but starting them takes one to several seconds of its own; platform threads cost an OS thread
 * each and stop scaling long before.
 *
 * <p>This is the seed's "high-concurrency I/O" claim, measured. Each row runs in a fresh child JVM, so that its
 * peak RSS and peak thread count are its own. {@link Async_01_SeedSection} did three waits; here we do N for
 * N = 10,000, 100,000 and 1,000,000.
 */
public final class Async_04_MillionWaits {

    static final String QUESTION = "How many concurrent waits can one JVM hold, and what does each cost?";

    private Async_04_MillionWaits() {
    }

    /*
     * Suppose N tasks that each wait one second, all at once: N sockets waiting for a reply, N users idle in
     * a chat. The ideal wall time is one second whatever N is; what we measure is how far above that each
     * style lands, and what it holds while waiting. Four styles, from the most to the least expensive per
     * wait:
     *
     *   platform threads   one OS thread per wait, blocked in sleep: the classic thread-per-request server.
     *   virtual threads    one virtual thread per wait; while it sleeps the JVM keeps its stack on the heap
     *                      and its carrier serves others.
     *   scheduled futures  one CompletableFuture per wait, completed by a ScheduledThreadPoolExecutor's timer.
     *   wheel futures      the same futures, completed by a hashed timing wheel (TimingWheel in this package).
     */

    /** How the N waits are held. */
    public enum Style {
        /** One platform thread per wait. */
        PLATFORM_THREADS("platform threads", "platform"),
        /** One virtual thread per wait. */
        VIRTUAL_THREADS("virtual threads", "virtual"),
        /** One future per wait, completed by a ScheduledThreadPoolExecutor. */
        SCHEDULED_FUTURES("futures, ScheduledThreadPoolExecutor", "scheduled"),
        /** One future per wait, completed by a timing wheel. */
        WHEEL_FUTURES("futures, timing wheel", "wheel");

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

        static Style of(String option) {
            for (Style style : values()) {
                if (style.option.equals(option)) {
                    return style;
                }
            }
            throw new IllegalArgumentException("option must name a style: " + option);
        }
    }

    /**
     * One measurement.
     *
     * @param style how the waits were held
     * @param n how many waits
     * @param waitTime how long each waited
     * @param ran false for a row skipped because N is above the platform-thread cap (the other values are 0)
     * @param wall from the first submission to the last wait's end
     * @param submit from the first submission to the last
     * @param maxInFlight the most waits in progress at the same time
     * @param peakOsThreads the JVM's peak count of live platform threads (virtual threads are not OS threads)
     * @param heapUsedBytes heap in use once all N were submitted
     * @param peakRssBytes the process's peak resident memory, -1 when not measured (in-process, or not Linux)
     */
    public record Row(Style style, int n, Duration waitTime, boolean ran, Duration wall, Duration submit,
                      int maxInFlight, int peakOsThreads, long heapUsedBytes, long peakRssBytes) {
        static Row skipped(Style style, int n, Duration wait) {
            return new Row(style, n, wait, false, Duration.ZERO, Duration.ZERO, 0, 0, 0, -1);
        }

        /** The ideal (one wait) over the measured wall time, times N: how many waits really overlapped. */
        public double speedup() {
            return (double) n * waitTime.toNanos() / wall.toNanos();
        }
    }

    /*
     * The measurement itself. Every style does the same thing: note the start, submit N waits, note the
     * heap once they are all submitted, wait for all to end. Each wait enters and leaves an in-flight
     * counter, whose maximum is the evidence that the N waits overlapped rather than queued.
     *
     * For the threads, "submit" is starting N threads through an executor that makes one per task; closing
     * the executor waits for them. For the futures, it is creating N futures and their timers; a latch
     * counts the completions.
     */

    /**
     * Measures one row in this JVM (no warm-up; peak RSS not measured).
     *
     * @param style how to hold the waits
     * @param n how many
     * @param wait how long each waits
     * @param threads makes the threads: one per wait for the thread styles, the one timer thread for the
     *     future styles; tests pass a tracking factory
     * @return the row
     * @throws InterruptedException if interrupted while waiting for the waits
     */
    public static Row measure(Style style, int n, Duration wait, ThreadFactory threads) throws InterruptedException {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(wait, "wait");
        Objects.requireNonNull(threads, "threads");
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive: " + n);
        }
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        threadBean.resetPeakThreadCount();
        InFlight inFlight = new InFlight();
        long start = System.nanoTime();
        long submitted;
        long heap;
        switch (style) {
            case PLATFORM_THREADS, VIRTUAL_THREADS -> {
                Runnable oneWait = () -> {
                    inFlight.enter();
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the thread ends here; the flag says why
                    } finally {
                        inFlight.exit();
                    }
                };
                try (ExecutorService executor = Executors.newThreadPerTaskExecutor(threads)) {
                    for (int i = 0; i < n; i++) {
                        executor.execute(oneWait);
                    }
                    submitted = System.nanoTime();
                    heap = heapUsed();
                }
            }
            case SCHEDULED_FUTURES -> {
                CountDownLatch done = new CountDownLatch(n);
                Runnable finished = () -> {
                    inFlight.exit();
                    done.countDown();
                };
                try (ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads)) {
                    for (int i = 0; i < n; i++) {
                        inFlight.enter();
                        CompletableFuture<Void> sleep = new CompletableFuture<>();
                        timer.schedule(() -> sleep.complete(null), wait.toNanos(), TimeUnit.NANOSECONDS);
                        sleep.thenRun(finished);
                    }
                    submitted = System.nanoTime();
                    heap = heapUsed();
                    done.await();
                }
            }
            case WHEEL_FUTURES -> {
                CountDownLatch done = new CountDownLatch(n);
                Runnable finished = () -> {
                    inFlight.exit();
                    done.countDown();
                };
                try (TimingWheel wheel = new TimingWheel(threads)) {
                    for (int i = 0; i < n; i++) {
                        inFlight.enter();
                        wheel.sleep(wait).thenRun(finished);
                    }
                    submitted = System.nanoTime();
                    heap = heapUsed();
                    done.await();
                }
            }
            default -> throw new IllegalStateException(style.name());
        }
        long end = System.nanoTime();
        return new Row(style, n, wait, true, Duration.ofNanos(end - start), Duration.ofNanos(submitted - start),
            inFlight.max(), threadBean.getPeakThreadCount(), heap, -1);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The process's peak resident set size (VmHWM), or -1 where /proc is not there. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux: the column says "n/a"
        }
        return -1;
    }

    /*
     * One fresh JVM per row: the peak RSS (VmHWM in /proc/self/status) and the peak thread count only ever
     * go up, so a JVM that already ran a million virtual threads would report their peak for every later
     * row. The child warms up first (twice a smaller run with short waits) so that the row measures the
     * waits, not the JIT compiling the code that submits them. It runs with the JVM's own defaults (full JIT,
     * the default collector) rather than core's fast-start flags: a row lasts seconds, so start-up hardly counts.
     */

    /** The entry point of a measuring child JVM: warms up, measures one row, prints it as a record for the parent. */
    public static final class RowChild {
        private RowChild() {
        }

        /**
         * Measures a row.
         *
         * @param args style, N, wait in nanoseconds
         * @throws InterruptedException if interrupted (the parent only ever kills us)
         */
        public static void main(String[] args) throws InterruptedException {
            Style style = Style.valueOf(args[0]);
            int n = Integer.parseInt(args[1]);
            Duration wait = Duration.ofNanos(Long.parseLong(args[2]));
            int warmN = style == Style.PLATFORM_THREADS ? Math.min(n, 1_000) : Math.min(n, 100_000);
            for (int i = 0; i < 2; i++) {
                measure(style, warmN, Duration.ofMillis(50), threadsFor(style));
            }
            Row row = measure(style, n, wait, threadsFor(style));
            ChildRecords.print("row " + row.wall().toNanos() + " " + row.submit().toNanos() + " "
                + row.maxInFlight() + " " + row.peakOsThreads() + " " + row.heapUsedBytes() + " " + peakRssBytes());
        }
    }

    /** The threads a style uses outside tests: unnamed virtual threads (cheapest), named platform threads. */
    static ThreadFactory threadsFor(Style style) {
        return switch (style) {
            case VIRTUAL_THREADS -> Thread.ofVirtual().factory();
            case PLATFORM_THREADS -> Thread.ofPlatform().name("waiter-", 0).factory();
            case SCHEDULED_FUTURES, WHEEL_FUTURES -> Thread.ofPlatform().daemon(true).name("timer").factory();
        };
    }

    static Row measureInChildJvm(Style style, int n, Duration wait, String heap) throws Exception {
        ChildJvm.Result child = ChildJvm.of(RowChild.class)
            .withJvmFlags(heap == null ? new String[0] : new String[] {"-Xmx" + heap})
            .withArgs(style.name(), Integer.toString(n), Long.toString(wait.toNanos()))
            .withTimeout(wait.multipliedBy(4).plus(Duration.ofMinutes(3)))
            .run();
        List<String> w = ChildRecords.of(child).record("row");
        return new Row(style, n, wait, true, Duration.ofNanos(Long.parseLong(w.get(0))),
            Duration.ofNanos(Long.parseLong(w.get(1))), Integer.parseInt(w.get(2)), Integer.parseInt(w.get(3)),
            Long.parseLong(w.get(4)), Long.parseLong(w.get(5)));
    }

    /**
     * What to measure.
     *
     * @param counts the values of N, in order
     * @param waitTime how long each wait lasts
     * @param styles the styles, in order
     * @param platformCap the largest N tried with platform threads
     * @param heap the children's {@code -Xmx} (e.g. {@code 2g}), or null for the JVM's default
     */
    public record Config(List<Integer> counts, Duration waitTime, List<Style> styles, int platformCap, String heap) {
        /** N = 10,000, 100,000 and 1,000,000 waits of 1 s, every style, platform threads capped at 10,000. */
        public static final Config DEFAULT = new Config(List.of(10_000, 100_000, 1_000_000), Duration.ofSeconds(1),
            List.of(Style.values()), 10_000, null);

        /** Copies the lists and checks the values. */
        public Config {
            counts = List.copyOf(counts);
            styles = List.copyOf(styles);
            Objects.requireNonNull(waitTime, "waitTime");
            if (counts.isEmpty() || counts.stream().anyMatch(c -> c < 1)) {
                throw new IllegalArgumentException("counts must be positive and not empty: " + counts);
            }
            if (platformCap < 1) {
                throw new IllegalArgumentException("platformCap must be positive: " + platformCap);
            }
        }
    }

    /**
     * Measures every row of {@code config}, each in a fresh child JVM, printing progress and then the table.
     *
     * @param config what to measure
     * @param report where the progress, the table and the reading go
     * @return the rows, by N then style
     * @throws Exception if a child JVM fails
     */
    public static List<Row> run(Config config, Report report) throws Exception {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(report, "report");
        report.banner("A MILLION WAITS: WHAT EACH CONCURRENT WAIT COSTS");
        report.line(limits(config.platformCap()));
        List<Row> rows = new ArrayList<>();
        for (int n : config.counts()) {
            for (Style style : config.styles()) {
                if (style == Style.PLATFORM_THREADS && n > config.platformCap()) {
                    rows.add(Row.skipped(style, n, config.waitTime()));
                    continue;
                }
                report.line(String.format(Locale.ROOT, "measuring %,d waits of %s on %s ...", n,
                    Report.duration(config.waitTime()), style.label()));
                rows.add(measureInChildJvm(style, n, config.waitTime(), config.heap()));
            }
        }
        report.blank();
        Async_03_CooperativeScheduling.printTable(report, table(rows));
        if (rows.stream().anyMatch(row -> !row.ran())) {
            report.line("skipped: N is above --platform-cap (" + String.format(Locale.ROOT, "%,d",
                config.platformCap()) + ").");
        }
        report.blank();
        for (String line : reading(rows)) {
            report.line(line);
        }
        return rows;
    }

    static Table table(List<Row> rows) {
        Table table = Table.of("style", "N", "wall", "submit", "in flight (max)", "peak OS threads",
            "heap used", "peak RSS");
        for (Row row : rows) {
            if (!row.ran()) {
                table.row(row.style().label(), String.format(Locale.ROOT, "%,d", row.n()), "skipped", "-", "-", "-",
                    "-", "-");
                continue;
            }
            table.row(row.style().label(), String.format(Locale.ROOT, "%,d", row.n()), Report.seconds(row.wall()),
                Report.seconds(row.submit()), String.format(Locale.ROOT, "%,d", row.maxInFlight()),
                row.peakOsThreads(), mib(row.heapUsedBytes()), row.peakRssBytes() < 0 ? "n/a" : mib(row.peakRssBytes()));
        }
        return table;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / (1024.0 * 1024.0)));
    }

    /*
     * The reading: heap per wait is the clearest single number. A timer-based future is a few small objects
     * (the future, its timer entry, its continuation); a virtual thread adds its stack, copied to the heap
     * while it is parked; a platform thread is an OS thread with its own native stack, which the Java heap
     * does not even see (look at the RSS instead).
     */

    static List<String> reading(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        for (Style style : Style.values()) {
            Row largest = null;
            for (Row row : rows) {
                if (row.style() == style && row.ran() && (largest == null || row.n() > largest.n())) {
                    largest = row;
                }
            }
            if (largest == null) {
                continue;
            }
            lines.add(String.format(Locale.ROOT,
                "%s: %,d waits of %s in %s (%.0f%% of the ideal), %,d bytes of heap and %s of RSS per wait, "
                    + "%d OS threads.", largest.style().label(), largest.n(), Report.duration(largest.waitTime()),
                Report.seconds(largest.wall()), 100.0 * largest.waitTime().toNanos() / largest.wall().toNanos(),
                largest.heapUsedBytes() / largest.n(),
                largest.peakRssBytes() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d bytes",
                    largest.peakRssBytes() / largest.n()), largest.peakOsThreads()));
        }
        lines.add("Timers cost almost nothing per wait; virtual threads cost a small stack each and take longer to "
            + "start; platform threads cost an OS thread each and stop at the cap long before a million.");
        return lines;
    }

    /** What this machine allows for platform threads, as far as Linux tells us. */
    static String limits(int cap) {
        String maxProcesses = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max processes")) {
                    maxProcesses = line.substring("Max processes".length()).trim().split("\\s+")[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: say "unknown"
        }
        return String.format(Locale.ROOT, "Platform threads: this machine allows %s threads per user (ulimit -u), "
                + "kernel.threads-max %s, vm.max_map_count %s (each thread takes a few maps); we stop at %,d "
                + "(--platform-cap).", maxProcesses, read("/proc/sys/kernel/threads-max"),
            read("/proc/sys/vm/max_map_count"), cap);
    }

    static String read(String file) {
        try {
            // Not Files.readString: /proc files report a size of 0, and it then returns only the first byte.
            return Files.readAllLines(Path.of(file)).get(0).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static CommandLine commandLine() {
        return CommandLine.builder("examples-async --lesson 4",
                "N concurrent waits for N = 10,000, 100,000, 1,000,000, four ways, each row in a fresh JVM.")
            .intOption("max", 1_000_000, 1, 10_000_000, "the largest N (rows: 10,000, 100,000, 1,000,000 up to it)")
            .durationOption("duration", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofSeconds(60),
                "how long each wait lasts")
            .choiceOption("style", List.of("all", "platform", "virtual", "scheduled", "wheel"), "all",
                "which styles to measure")
            .intOption("platform-cap", 10_000, 1, 100_000, "the largest N tried with platform threads")
            .choiceOption("heap", List.of("default", "512m", "1g", "2g", "4g", "8g"), "default",
                "the children's -Xmx; the 1,000,000 virtual-thread row needs about 1 GiB")
            .build();
    }

    static List<Integer> counts(int max) {
        List<Integer> counts = new ArrayList<>();
        for (int n : List.of(10_000, 100_000, 1_000_000)) {
            if (n <= max) {
                counts.add(n);
            }
        }
        if (counts.isEmpty() || max > 1_000_000) {
            counts.add(max);
        }
        return counts;
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return commandLine().run(args, out, err, arguments -> {
            String style = arguments.choice("style");
            List<Style> styles = style.equals("all") ? List.of(Style.values()) : List.of(Style.of(style));
            String heap = arguments.choice("heap");
            run(new Config(counts(arguments.intValue("max")), arguments.duration("duration"), styles,
                arguments.intValue("platform-cap"), heap.equals("default") ? null : heap), Report.to(out));
        });
    }

    /*
     * It turns out (see the typical output below) that the cost per wait spans two orders of magnitude. Futures
     * on a timing wheel hold a million waits in a little over a second with a few hundred bytes each; the
     * JDK's ScheduledThreadPoolExecutor holds them too but pays a heap-ordered queue behind one lock
     * (O(log n) per timer, on one thread), a third of a second more at a million. A million virtual threads
     * work, but starting one and parking its stack costs about a kilobyte and a few microseconds, so the
     * last starts one to several seconds after the first (the row varies most from run to run) and the
     * early ones are already done (in flight < N); up to 100,000 they stay within 20% of the ideal. Platform threads cost an OS thread and its stack each: starting
     * 10,000 takes seconds, so not even 10,000 are ever waiting at once. They are the style that stops scaling.
     *
     * The choice this suggests: virtual threads for the ordinary server, where a request does a few blocking
     * calls and the code stays plain; timer-based futures where the waits themselves are the product (a
     * million timeouts, a chat server's idle connections).
     *
     * How to run (from the repository root):
     *
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async -Dargs="--lesson 4"
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async -Dargs="--lesson 4 --max 100000"
     *
     * The 1,000,000 virtual-thread row needs about 1 GiB of heap; the JVM's default maximum is a quarter of
     * the RAM, so on a machine with less than about 6 GB add --heap 2g.
     *
     * Typical output (2 CPUs shared with other builds, load average 3.5-5, Linux 6.18, Temurin JDK 25.0.3,
     * 2026-11-25):
     *
     *     style                                         N  wall      submit    in flight (max)  peak OS threads  heap used  peak RSS
     *     ------------------------------------  ---------  --------  --------  ---------------  ---------------  ---------  ---------
     *     platform threads                         10,000  3.38 sec  2.38 sec  5,881            5887             133 MiB    198 MiB
     *     virtual threads                          10,000  1.04 sec  0.02 sec  10,000           10               51 MiB     105 MiB
     *     futures, ScheduledThreadPoolExecutor     10,000  1.01 sec  0.01 sec  10,000           7                5 MiB      53 MiB
     *     futures, timing wheel                    10,000  1.01 sec  0.00 sec  10,000           7                5 MiB      48 MiB
     *     platform threads                        100,000  skipped   -         -                -                -          -
     *     virtual threads                         100,000  1.14 sec  0.10 sec  100,000          10               175 MiB    293 MiB
     *     futures, ScheduledThreadPoolExecutor    100,000  1.07 sec  0.02 sec  100,000          7                55 MiB     106 MiB
     *     futures, timing wheel                   100,000  1.01 sec  0.01 sec  100,000          7                19 MiB     70 MiB
     *     platform threads                      1,000,000  skipped   -         -                -                -          -
     *     virtual threads                       1,000,000  2.67 sec  1.08 sec  867,275          10               715 MiB    1,109 MiB
     *     futures, ScheduledThreadPoolExecutor  1,000,000  1.55 sec  0.25 sec  1,000,000        7                199 MiB    315 MiB
     *     futures, timing wheel                 1,000,000  1.21 sec  0.20 sec  1,000,000        7                93 MiB     235 MiB
     *
     *     A second full run gave the same picture, except virtual threads, 1,000,000: 8.50 sec (submit 4.35 sec,
     *     731,317 in flight at most, 981 MiB RSS) and the timing wheel, 1,000,000: 1.39 sec. Three more runs of
     *     the two headline rows: virtual threads, 100,000: 1.25, 1.21, 1.19 sec; timing wheel,
     *     1,000,000: 1.32, 1.17, 1.12 sec with a peak RSS of 227, 150, 149 MiB. Python's asyncio on the same kind of
     *     machine (from the issue): 100,000 waits in 2.2 s, 1,000,000 in 20.0 s and 1,453 MiB.
     */

    /**
     * Runs the lesson; options {@code --max N}, {@code --duration TIME},
     * {@code --style all|platform|virtual|scheduled|wheel}, {@code --platform-cap N}, {@code --heap SIZE}.
     *
     * @param args the command line
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
