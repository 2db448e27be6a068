package dev.jconcurrency.async;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.workload.Workloads;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What does {@code async}/{@code await} look like in Java? Either a {@link CompletableFuture} chain
 * ({@code thenCompose} is {@code await}, {@code thenCombine} is {@code gather}, {@code exceptionally} is
 * {@code except}, {@code orTimeout} is {@code wait_for}) or plain blocking code on a virtual thread, which reads
 * like the Python without the keywords; both give the same result in the same time.
 *
 * <p>The flow is the shape of most request handlers: look up a user, then fetch their orders and their
 * recommendations at the same time, and build a dashboard; if recommendations fail, serve the dashboard
 * without them; if the whole thing takes longer than a budget, give up. {@link Async_06_BackPressure} goes
 * deeper into timeouts and cancellation.
 */
public final class Async_02_AsyncAwait {

    static final String QUESTION = "What does async/await look like in Java, and is a virtual thread simpler?";

    private Async_02_AsyncAwait() {
    }

    /*
     * Suppose a remote service with three calls. We simulate its latency: the futures version asks a timer to
     * complete a future later (no thread waits), the blocking version sleeps (its virtual thread is parked).
     * Both versions record each call's start and end, so the tests can check that orders and recommendations
     * really overlapped.
     */

    /** The three calls of the flow. */
    public enum Step {
        /** Looks up the user: {@code user-<id>}. */
        USER,
        /** The user's orders; needs the user. */
        ORDERS,
        /** Recommendations for the user; needs the user; optional. */
        RECOMMENDATIONS
    }

    /**
     * How long each call takes.
     *
     * @param user the user lookup
     * @param orders the orders call
     * @param recommendations the recommendations call
     */
    public record Latencies(Duration user, Duration orders, Duration recommendations) {
        /** 200 ms, then 300 ms and 250 ms at once: about 0.5 s in all. */
        public static final Latencies DEFAULT =
            new Latencies(Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(250));

        /** Checks that none is null. */
        public Latencies {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(orders, "orders");
            Objects.requireNonNull(recommendations, "recommendations");
        }

        Duration of(Step step) {
            return switch (step) {
                case USER -> user;
                case ORDERS -> orders;
                case RECOMMENDATIONS -> recommendations;
            };
        }

        /** The time the flow needs when the two middle calls overlap. */
        public Duration criticalPath() {
            return user.plus(orders.compareTo(recommendations) >= 0 ? orders : recommendations);
        }
    }

    /**
     * What the flow builds.
     *
     * @param user the user's name
     * @param orders their orders
     * @param recommendations recommendations for them; empty when that call failed
     */
    public record Dashboard(String user, List<String> orders, List<String> recommendations) {
        /** Copies the lists. */
        public Dashboard {
            orders = List.copyOf(orders);
            recommendations = List.copyOf(recommendations);
        }
    }

    /**
     * One call to the service.
     *
     * @param step which call
     * @param startNanos when it started, since the flow began
     * @param endNanos when its answer was ready (or it failed)
     * @param interrupted whether a blocking call was stopped by an interrupt before its answer was ready
     */
    public record Call(Step step, long startNanos, long endNanos, boolean interrupted) {
    }

    /** The failure a call fails with when the config asks it to. */
    public static final class ServiceException extends RuntimeException {
        ServiceException(Step step) {
            super(step.name().toLowerCase(Locale.ROOT) + " call failed");
        }
    }

    /**
     * What to run.
     *
     * @param userId the user to show
     * @param latencies how long each call takes
     * @param failing the call that fails, or null for none
     * @param budget the most the whole flow may take
     */
    public record Config(int userId, Latencies latencies, Step failing, Duration budget) {
        /** User 42, default latencies, nothing failing, a 1-second budget. */
        public static final Config DEFAULT = new Config(42, Latencies.DEFAULT, null, Duration.ofSeconds(1));

        /** Checks the values ({@code failing} may be null). */
        public Config {
            Objects.requireNonNull(latencies, "latencies");
            Objects.requireNonNull(budget, "budget");
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("budget must be positive: " + budget);
            }
        }
    }

    /** The simulated service: the same answers and latencies for both styles, and a log of the calls. */
    static final class Service {
        private final Config config;
        private final long origin = System.nanoTime();
        private final Queue<Call> calls = new ConcurrentLinkedQueue<>();

        Service(Config config) {
            this.config = config;
        }

        static Object answer(Step step, String who) {
            return switch (step) {
                case USER -> "user-" + who;
                case ORDERS -> List.of(who + "/order-1", who + "/order-2");
                case RECOMMENDATIONS -> List.of(who + "/rec-1");
            };
        }

        /** The call as a future a timer completes: nothing blocks while it "travels". */
        @SuppressWarnings("unchecked")
        <T> CompletableFuture<T> callAsync(Step step, String who, ScheduledExecutorService timer) {
            long start = System.nanoTime();
            return Timers.after(timer, config.latencies().of(step), () -> {
                calls.add(new Call(step, start - origin, System.nanoTime() - origin, false));
                if (step == config.failing()) {
                    throw new ServiceException(step);
                }
                return (T) answer(step, who);
            });
        }

        /** The call as blocking code: sleeps for the latency, answers or throws. */
        @SuppressWarnings("unchecked")
        <T> T call(Step step, String who) throws InterruptedException {
            long start = System.nanoTime();
            try {
                Workloads.sleep(config.latencies().of(step));
            } catch (InterruptedException e) {
                calls.add(new Call(step, start - origin, System.nanoTime() - origin, true));
                throw e; // propagate: the caller gave up on us, and the thread must end
            }
            calls.add(new Call(step, start - origin, System.nanoTime() - origin, false));
            if (step == config.failing()) {
                throw new ServiceException(step);
            }
            return (T) answer(step, who);
        }

        List<Call> calls() {
            return calls.stream().sorted(Comparator.comparingLong(Call::startNanos)).toList();
        }
    }

    /*
     * The futures version. Python would write
     *
     *     async def dashboard(user_id):
     *         user = await fetch_user(user_id)
     *         orders, recs = await asyncio.gather(fetch_orders(user), fetch_recs_or_empty(user))
     *         return Dashboard(user, orders, recs)
     *
     *     await asyncio.wait_for(dashboard(42), timeout=1.0)
     *
     * and the chain below is that, with the awaits turned into callbacks: thenCompose runs the next step when
     * the user is known and waits for the future it returns; thenCombine waits for two futures running at
     * once; exceptionally turns a failure into a value; orTimeout fails the whole chain after the budget.
     * The two middle calls start together because both are started before either is waited for.
     */

    static CompletableFuture<Dashboard> dashboardAsync(Service service, int userId, Duration budget,
                                                       ScheduledExecutorService timer) {
        return service.<String>callAsync(Step.USER, Integer.toString(userId), timer)
            .thenCompose(user -> service.<List<String>>callAsync(Step.ORDERS, user, timer)
                .thenCombine(service.<List<String>>callAsync(Step.RECOMMENDATIONS, user, timer)
                        .exceptionally(failure -> List.of()),
                    (orders, recommendations) -> new Dashboard(user, orders, recommendations)))
            .orTimeout(budget.toNanos(), TimeUnit.NANOSECONDS);
    }

    /*
     * The blocking version, on a virtual thread. It is the Python without async and await: each line waits
     * for its answer. To do two calls at once we fork one onto another virtual thread and join it (the
     * try/finally cancels the fork if we leave early, which StructuredTaskScope will do for us once it is
     * final: it is a preview API in JDK 21-25). The budget is the caller's Future.get(timeout), and
     * cancel(true) interrupts the sleeping threads, which orTimeout above does not do.
     */

    static Dashboard dashboardBlocking(Service service, int userId, ExecutorService virtualThreads)
        throws Exception {
        String user = service.call(Step.USER, Integer.toString(userId));
        Future<List<String>> orders = virtualThreads.submit(() -> service.<List<String>>call(Step.ORDERS, user));
        try {
            List<String> recommendations;
            try {
                recommendations = service.call(Step.RECOMMENDATIONS, user);
            } catch (ServiceException e) {
                recommendations = List.of();
            }
            return new Dashboard(user, join(orders), recommendations);
        } finally {
            orders.cancel(true); // nothing when it is done; stops the fork if we are leaving early
        }
    }

    private static <T> T join(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static Dashboard withBudget(Service service, int userId, Duration budget, ExecutorService virtualThreads)
        throws Exception {
        Future<Dashboard> call = virtualThreads.submit(() -> dashboardBlocking(service, userId, virtualThreads));
        try {
            return call.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * How one style did.
     *
     * @param dashboard what it built, or null if it failed
     * @param failure the simple name of the exception it failed with ({@code TimeoutException},
     *     {@code ServiceException}), or null
     * @param elapsed from start to answer or failure
     * @param calls the service calls it made, by start time
     */
    public record Outcome(Dashboard dashboard, String failure, Duration elapsed, List<Call> calls) {
        /** Copies the list. */
        public Outcome {
            calls = List.copyOf(calls);
        }
    }

    /**
     * Both styles' outcomes.
     *
     * @param futures the CompletableFuture chain's
     * @param virtual the blocking code's, on virtual threads
     */
    public record Result(Outcome futures, Outcome virtual) {
    }

    /**
     * Runs the flow both ways, one after the other.
     *
     * @param config what to run
     * @param timerThreads makes the one thread of the futures' timer
     * @param virtualThreads makes the threads of the blocking version; tests pass a tracking factory
     * @return both outcomes
     * @throws Exception if something other than the flow's own failure went wrong
     */
    public static Result run(Config config, ThreadFactory timerThreads, ThreadFactory virtualThreads)
        throws Exception {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(timerThreads, "timerThreads");
        Objects.requireNonNull(virtualThreads, "virtualThreads");
        Outcome futures;
        Service asyncService = new Service(config);
        // Closing the timer waits for timers still pending (after a timeout, the calls still "travel").
        try (ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(timerThreads)) {
            long start = System.nanoTime();
            Dashboard dashboard = null;
            String failure = null;
            try {
                dashboard = dashboardAsync(asyncService, config.userId(), config.budget(), timer).get();
            } catch (ExecutionException e) {
                failure = e.getCause().getClass().getSimpleName();
            }
            futures = new Outcome(dashboard, failure, Duration.ofNanos(System.nanoTime() - start), List.of());
        }
        futures = new Outcome(futures.dashboard(), futures.failure(), futures.elapsed(), asyncService.calls());

        Service blockingService = new Service(config);
        Outcome virtual;
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(virtualThreads)) {
            long start = System.nanoTime();
            Dashboard dashboard = null;
            String failure = null;
            try {
                dashboard = withBudget(blockingService, config.userId(), config.budget(), threads);
            } catch (TimeoutException | ServiceException e) {
                failure = e.getClass().getSimpleName();
            }
            virtual = new Outcome(dashboard, failure, Duration.ofNanos(System.nanoTime() - start), List.of());
        }
        virtual = new Outcome(virtual.dashboard(), virtual.failure(), virtual.elapsed(), blockingService.calls());
        return new Result(futures, virtual);
    }

    /*
     * It turns out the two are interchangeable in result and in time: about user + max(orders,
     * recommendations), because in both the middle calls overlap. The differences are elsewhere:
     *
     *   - Reading. The chain nests: the user is only in scope inside thenCompose's lambda. The blocking code
     *     is a list of statements with ordinary variables, try/catch and a stack trace that shows the flow.
     *   - Failure. exceptionally and try/catch both degrade the dashboard when recommendations fail; a
     *     failing orders call fails both versions.
     *   - Timeout. orTimeout fails the future but leaves the calls running (here, the timers still fire);
     *     cancel(true) on the blocking version interrupts its sleeping threads (Call.interrupted).
     *   - Cost. The chain holds no thread while it waits; a virtual thread holds a small stack. For a handful
     *     of flows both are free; Async_04_MillionWaits measures a million.
     */

    static CommandLine commandLine() {
        return CommandLine.builder("examples-async --lesson 2",
                "Runs one flow (a user, then orders and recommendations at once) as a CompletableFuture chain "
                    + "and as blocking code on virtual threads, and compares them.")
            .choiceOption("fail", List.of("none", "user", "orders", "recommendations"), "none",
                "make one call fail")
            .durationOption("budget", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofSeconds(60),
                "the most the whole flow may take")
            .build();
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return commandLine().run(args, out, err, arguments -> {
            String fail = arguments.choice("fail");
            Step failing = fail.equals("none") ? null : Step.valueOf(fail.toUpperCase(Locale.ROOT));
            Config config = new Config(42, Latencies.DEFAULT, failing, arguments.duration("budget"));
            Result result = run(config, Thread.ofPlatform().daemon(true).name("timer").factory(),
                Thread.ofVirtual().name("flow-", 1).factory());
            print(config, result, Report.to(out));
        });
    }

    static void print(Config config, Result result, Report report) {
        Latencies l = config.latencies();
        report.banner("ASYNC/AWAIT IN JAVA: ONE FLOW, TWO STYLES");
        report.line("user " + Report.duration(l.user()) + ", then orders " + Report.duration(l.orders())
            + " and recommendations " + Report.duration(l.recommendations()) + " at once; budget "
            + Report.duration(config.budget()) + "; failing: " + (config.failing() == null ? "none"
            : config.failing().name().toLowerCase(Locale.ROOT)));
        report.line("futures (CompletableFuture chain): " + describe(result.futures()));
        report.line("virtual (blocking code):           " + describe(result.virtual()));
        boolean same = Objects.equals(result.futures().dashboard(), result.virtual().dashboard())
            && Objects.equals(result.futures().failure(), result.virtual().failure());
        report.line("Same outcome: " + (same ? "yes" : "no"));
    }

    private static String describe(Outcome outcome) {
        String what = outcome.dashboard() != null ? outcome.dashboard().toString() : "failed: " + outcome.failure();
        List<String> calls = new ArrayList<>();
        for (Call call : outcome.calls()) {
            calls.add(call.step().name().toLowerCase(Locale.ROOT) + " " + millis(call.startNanos()) + "-"
                + millis(call.endNanos()) + " ms" + (call.interrupted() ? " (interrupted)" : ""));
        }
        return what + " in " + Report.seconds(outcome.elapsed()) + "; calls " + calls;
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }

    /*
     * How to run (from the repository root):
     *
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async -Dargs="--lesson 2"
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async \
     *         -Dargs="--lesson 2 --fail recommendations"
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async -Dargs="--lesson 2 --budget 300ms"
     *
     * Look for: the same dashboard and about the same time from both; with --budget below the critical path,
     * both fail with TimeoutException, and only the blocking version's calls show "(interrupted)".
     *
     * Typical output (2 CPUs shared with other builds, load average 3.5-5, Linux 6.18, Temurin JDK 25.0.3,
     * 2026-11-25):
     *
     *     === ASYNC/AWAIT IN JAVA: ONE FLOW, TWO STYLES ===
     *     user 0.2 sec, then orders 0.3 sec and recommendations 0.25 sec at once; budget 1 sec; failing: none
     *     futures (CompletableFuture chain): Dashboard[user=user-42, orders=[user-42/order-1, user-42/order-2],
     *         recommendations=[user-42/rec-1]] in 0.51 sec; calls [user 1-207 ms, orders 208-508 ms,
     *         recommendations 208-458 ms]
     *     virtual (blocking code):           Dashboard[user=user-42, ...same...] in 0.52 sec; calls [user 13-214 ms,
     *         recommendations 216-466 ms, orders 216-517 ms]
     *     Same outcome: yes
     *
     *     and with --budget 300ms:
     *     futures (CompletableFuture chain): failed: TimeoutException in 0.31 sec; calls [user 1-209 ms, orders 210-511 ms,
     *         recommendations 210-466 ms]
     *     virtual (blocking code):           failed: TimeoutException in 0.32 sec; calls [user 26-229 ms,
     *         recommendations 231-327 ms (interrupted), orders 231-327 ms (interrupted)]
     */

    /**
     * Runs the lesson; options {@code --fail none|user|orders|recommendations}, {@code --budget TIME}.
     *
     * @param args the command line
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
