package dev.jconcurrency.processes;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.process.SerializableCallable;
import dev.jconcurrency.core.report.Report;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * What can a task take with it into another JVM? Only what Java serialization can copy: the task must be
 * {@code Serializable}, so must everything it captures, and its class must be on the worker's class path.
 * Capture a service, a thread, a connection or, by accident, {@code this}, and {@code submit} refuses the task
 * naming the class at fault; the fix is to capture data, not objects, and to build what the task needs inside the
 * worker. This is Java's version of the seed's "functions must be defined at module level".
 *
 * <p>Where the rule comes from: {@link Processes_02_SeparateMemory} (a worker shares nothing with us, so
 * everything a task uses must be copied to it).
 */
public final class Processes_05_CrossingTheBoundary {

    static final String QUESTION = "What can a task take with it into another JVM?";

    private Processes_05_CrossingTheBoundary() {
    }

    /*
     * Python's rule is about names. multiprocessing pickles a function as its module and qualified name, and the
     * child imports the module and looks the name up; a lambda or a function nested in another has no name the
     * child can find ("Can't pickle local object 'outer.<locals>.inner'"), hence "define functions at module
     * level".
     *
     * Java's rule is about objects. A task is an object, and ProcessPool sends the object itself with Java
     * serialization: its class name and the values of its fields, recursively. A lambda qualifies when its target
     * type is Serializable (SerializableCallable is; Callable is not), and it travels as a SerializedLambda: the
     * name of the class that wrote it and of the method holding its body, plus the values it captured. So:
     *
     *   1. the task's own type must be Serializable;
     *   2. every value it captures must be Serializable, recursively;
     *   3. its class (for a lambda, the class that wrote it) must be on the worker's class path, so the worker can
     *      find it by name. That part is exactly Python's rule, and with ProcessPool it holds by itself: the
     *      workers run this JVM's class path. Classes made at run time (proxies, generated code, custom class
     *      loaders) are not on it.
     *
     * Suppose a shop computes basket totals. Its price list is an ordinary object, as services usually are: not
     * Serializable, and holding things that could not be (a cache, a connection, a lock).
     */

    /** An ordinary service object: it is not Serializable, and nothing forces it to be. */
    static final class PriceList {
        private final Map<String, Integer> cents = new HashMap<>(Map.of("milk", 119, "eggs", 289, "bread", 249));

        int total(List<String> basket) {
            int sum = 0;
            for (String item : basket) {
                sum += cents.getOrDefault(item, 0);
            }
            return sum;
        }
    }

    /** Also ordinary: a checkout with a discount, whose method submits a task that uses a field. */
    static final class Checkout {
        private final int discountPercent;

        Checkout(int discountPercent) {
            this.discountPercent = discountPercent;
        }

        /** The wrong way: the lambda reads a field, so it captures {@code this}, the whole (unserializable) Checkout. */
        Future<Integer> totalCapturingThis(ProcessPool pool, List<String> basket) {
            return pool.submit(() -> new PriceList().total(basket) * (100 - discountPercent) / 100);
        }

        /** The right way: copy the field into a local first; the lambda then captures an int. */
        Future<Integer> totalCapturingALocal(ProcessPool pool, List<String> basket) {
            int discount = discountPercent;
            return pool.submit(() -> new PriceList().total(basket) * (100 - discount) / 100);
        }
    }

    /**
     * The Java counterpart of a function defined at module level: a named, top-level class whose fields are plain
     * data. It captures nothing by accident, and the worker finds it by name.
     */
    static final class BasketTotal implements SerializableCallable<Integer> {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial") // List.of(...) lists are serializable
        private final List<String> basket;

        BasketTotal(List<String> basket) {
            this.basket = List.copyOf(basket);
        }

        @Override
        public Integer call() {
            return new PriceList().total(basket); // the service is built in the worker, from data we sent
        }
    }

    /** Where an attempt ended. */
    public enum Stage {
        /** {@code submit} threw: the task could not be serialized, so nothing was sent and nothing ran. */
        REFUSED_AT_SUBMIT,
        /** The task ran in the worker, but its future failed. */
        FAILED_IN_GET,
        /** The task ran and its result came back. */
        RETURNED
    }

    /**
     * One attempt to send a task.
     *
     * @param name what the attempt does
     * @param rightWay whether this is a fix (true) or a mistake (false)
     * @param stage where it ended
     * @param error the simple class name of the exception, or null
     * @param message the exception's message, or null
     * @param value the result, or null
     */
    public record Attempt(String name, boolean rightWay, Stage stage, String error, String message, Object value) {
    }

    /**
     * Every attempt, mistakes and fixes side by side.
     *
     * @param attempts in the order made
     * @param workersStarted worker JVMs the pool started: refused tasks start none, and a failed result does not
     *     kill its worker
     */
    public record Result(List<Attempt> attempts, long workersStarted) {

        /** The attempt with this name. */
        public Attempt attempt(String name) {
            return attempts.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no attempt named " + name));
        }
    }

    static final List<String> BASKET = List.of("milk", "eggs", "bread");

    /**
     * Sends four mistakes and their fixes to a one-worker pool.
     *
     * @return every attempt's outcome
     * @throws InterruptedException if interrupted while waiting for a result
     */
    public static Result run() throws InterruptedException {
        List<Attempt> attempts = new ArrayList<>();
        try (ProcessPool pool = ProcessPool.create(1)) {
            List<String> basket = BASKET;

            /* Mistake 1: the lambda captures a PriceList, which is not Serializable. */
            PriceList prices = new PriceList();
            attempts.add(attempt("capture a PriceList", false, () -> pool.submit(() -> prices.total(basket))));
            /* Fix: send the data, and build the service in the worker. */
            attempts.add(attempt("build the PriceList in the worker", true,
                () -> pool.submit(() -> new PriceList().total(basket))));

            /* Mistake 2: a lambda in an instance method that reads a field captures this. */
            Checkout checkout = new Checkout(10);
            attempts.add(attempt("use a field (captures this)", false,
                () -> checkout.totalCapturingThis(pool, basket)));
            /* Fix: copy the field into a local variable. */
            attempts.add(attempt("copy the field into a local", true,
                () -> checkout.totalCapturingALocal(pool, basket)));

            /* Mistake 3: a plain Callable is not Serializable, however little it captures. */
            Callable<Integer> plain = () -> 6 * 7;
            attempts.add(attempt("a plain Callable", false, () -> pool.submit(plain)));
            /* Fix: give the lambda a serializable type: SerializableCallable, or a cast to an intersection. */
            SerializableCallable<Integer> serializable = () -> 6 * 7;
            attempts.add(attempt("a SerializableCallable", true, () -> pool.submit(serializable)));

            /* Mistake 4: the task is fine, but its result cannot travel back. */
            attempts.add(attempt("return a PriceList", false, () -> pool.submit(() -> new PriceList())));
            /* Fix: the module-level way, a named class with data fields, returning data. */
            attempts.add(attempt("a named class with data fields", true, () -> pool.submit(new BasketTotal(basket))));

            return new Result(List.copyOf(attempts), pool.workersStarted());
        }
    }

    /** How one attempt may submit: it returns the future, or throws what {@code submit} threw. */
    @FunctionalInterface
    private interface Submission {
        Future<?> submit();
    }

    private static Attempt attempt(String name, boolean rightWay, Submission submission) throws InterruptedException {
        Future<?> future;
        try {
            future = submission.submit();
        } catch (IllegalArgumentException e) {
            return new Attempt(name, rightWay, Stage.REFUSED_AT_SUBMIT, e.getClass().getSimpleName(), e.getMessage(),
                null);
        }
        try {
            return new Attempt(name, rightWay, Stage.RETURNED, null, null, future.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Attempt(name, rightWay, Stage.FAILED_IN_GET, cause.getClass().getSimpleName(),
                cause.getMessage(), null);
        }
    }

    /*
     * It turns out:
     *
     * - Mistakes 1 to 3 never leave this JVM. ProcessPool serializes a task in submit(), so the error comes at
     *   once, on our thread, as an IllegalArgumentException that names the class that could not be serialized
     *   (PriceList, Checkout, or the lambda itself) and says what to change. No worker was started for them.
     * - Mistake 2 is the easy one to make: nothing in `discountPercent` looks like `this`, but a field is read
     *   through `this`, so the lambda captures the whole Checkout.
     * - Mistake 4 gets as far as the worker: the task runs, and then its result cannot be written back. Its
     *   future fails with a NotSerializableException naming the result's class; the worker lives on and runs the
     *   next task, which is why only one worker was ever started.
     * - Every fix sends data (a list of strings, an int) and builds objects on the other side. That is the habit
     *   to take from this: a task is a message, and a message should hold data.
     */

    static void show(Result result, Report report) {
        report.banner("CROSSING THE BOUNDARY: WHAT A TASK CAN TAKE WITH IT");
        for (Attempt a : result.attempts()) {
            String outcome = switch (a.stage()) {
                case RETURNED -> "returned " + a.value();
                case REFUSED_AT_SUBMIT -> "refused at submit: " + a.error() + ": " + firstSentence(a.message());
                case FAILED_IN_GET -> "failed in get(): " + a.error() + ": " + firstSentence(a.message());
            };
            report.line((a.rightWay() ? "RIGHT  " : "WRONG  ") + a.name() + " -> " + outcome);
        }
        report.line("Worker JVMs started: " + result.workersStarted() + " (refused tasks start none; a result that"
            + " cannot be sent back does not kill the worker)");
    }

    /** The message up to its first full stop: the part that names the class at fault. */
    static String firstSentence(String message) {
        int end = message.indexOf(". ");
        return end < 0 ? message : message.substring(0, end + 1);
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Processes_05_CrossingTheBoundary.class, QUESTION)
            .run(args, out, err, arguments -> show(run(), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-processes -am test-compile -Drun=examples-processes -Dargs="--lesson 5"
     *
     * Look for: each WRONG line naming the class that could not cross, and the RIGHT line under it.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3, run profile,
     * 2026-11-25, load average 2.5):
     *
     *   === CROSSING THE BOUNDARY: WHAT A TASK CAN TAKE WITH IT ===
     *   WRONG  capture a PriceList -> refused at submit: IllegalArgumentException: task (a lambda written in
     *          dev.jconcurrency.processes.Processes_05_CrossingTheBoundary, class ...$$Lambda/0x000000009104da00)
     *          cannot be sent to a worker JVM: it captures or holds a
     *          dev.jconcurrency.processes.Processes_05_CrossingTheBoundary$PriceList, which is not Serializable.
     *   RIGHT  build the PriceList in the worker -> returned 657
     *   WRONG  use a field (captures this) -> refused at submit: IllegalArgumentException: task (a lambda written in
     *          dev.jconcurrency.processes.Processes_05_CrossingTheBoundary$Checkout, class ...) cannot be sent to a
     *          worker JVM: it captures or holds a
     *          dev.jconcurrency.processes.Processes_05_CrossingTheBoundary$Checkout, which is not Serializable.
     *   RIGHT  copy the field into a local -> returned 591
     *   WRONG  a plain Callable -> refused at submit: IllegalArgumentException: task (a lambda written in
     *          dev.jconcurrency.processes.Processes_05_CrossingTheBoundary, class ...) is not Serializable, so it
     *          cannot be sent to a worker JVM.
     *   RIGHT  a SerializableCallable -> returned 42
     *   WRONG  return a PriceList -> failed in get(): NotSerializableException: the task's result
     *          (dev.jconcurrency.processes.Processes_05_CrossingTheBoundary$PriceList) cannot be serialized:
     *          dev.jconcurrency.processes.Processes_05_CrossingTheBoundary$PriceList is not Serializable
     *   RIGHT  a named class with data fields -> returned 657
     *   Worker JVMs started: 1 (refused tasks start none; a result that cannot be sent back does not kill the worker)
     *
     * (Long lines wrapped here, and lambda class names shortened to "..."; each is one line on the console.)
     */

    /**
     * Shows four mistakes and their fixes.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
