package dev.jconcurrency.processes;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.process.SerializableCallable;
import dev.jconcurrency.core.report.Report;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Does a child JVM see, or change, the parent's variables? No: each JVM has its own heap and its own statics. A
 * task that increments a static counter in a worker changes the worker's copy; the parent's stays as it was, and
 * the worker's value reaches the parent only as the task's result. Arguments travel as copies, too.
 *
 * <p>This is the seed's "separate memory spaces". Threads are the opposite: {@link Processes_01_SeedSection}'s
 * threads in one JVM share every object, which is what makes them cheap and what makes races possible.
 */
public final class Processes_02_SeparateMemory {

    static final String QUESTION = "Does a child JVM see, or change, the parent's variables?";

    private Processes_02_SeparateMemory() {
    }

    /*
     * Suppose a program keeps a count in a static field, the Java counterpart of a Python module-level global.
     * Every JVM that loads this class has its own `counter`, starting at 0 when the class is initialized.
     */

    /** The counter: one per JVM that loads this class. Written and read by one thread at a time (see below). */
    static int counter;

    /**
     * What a task saw in its worker JVM.
     *
     * @param pid the worker's pid
     * @param before the worker's {@code counter} when the task began
     * @param after the worker's {@code counter} when the task ended
     */
    public record Seen(long pid, int before, int after) implements Serializable {
    }

    /*
     * The task increments the counter it finds in its own JVM and reports what it saw. It is a named class with
     * one field, so it crosses to the worker as a few bytes and captures nothing else.
     */

    static final class Increment implements SerializableCallable<Seen> {
        private static final long serialVersionUID = 1L;
        private final int times;

        Increment(int times) {
            this.times = times;
        }

        @Override
        public Seen call() {
            int before = counter;
            for (int i = 0; i < times; i++) {
                counter++;
            }
            return new Seen(ProcessHandle.current().pid(), before, counter);
        }
    }

    /** Appends to the list it was given: in a worker, that list is a copy. */
    static final class Append implements SerializableCallable<ArrayList<String>> {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial") // an ArrayList of Strings: serializable
        private final ArrayList<String> list;
        private final String item;

        Append(ArrayList<String> list, String item) {
            this.list = list;
            this.item = item;
        }

        @Override
        public ArrayList<String> call() {
            list.add(item);
            return list;
        }
    }

    /**
     * What each side saw.
     *
     * @param parentPid this JVM's pid
     * @param increments how many increments each step made
     * @param afterThread the parent's counter after a thread of this JVM incremented it: shared memory
     * @param first what the first task saw in its worker
     * @param second what a second task saw in the same worker: statics live as long as the worker does
     * @param parentAfterTasks the parent's counter after both tasks: unchanged by them
     * @param parentList the parent's list after a task appended to it in a worker
     * @param returnedList the list that task returned: its own copy, with the item appended
     */
    public record Result(long parentPid, int increments, int afterThread, Seen first, Seen second,
                         int parentAfterTasks, List<String> parentList, List<String> returnedList) {
    }

    /**
     * Increments the counter on a thread of this JVM, then twice in one worker JVM, and appends to a list in the
     * worker; reports what each side saw.
     *
     * @param increments how many increments each step makes, 1 or more
     * @return what each side saw
     * @throws InterruptedException if interrupted while waiting (the worker is then killed)
     * @throws ExecutionException if a task failed
     * @throws IllegalArgumentException if {@code increments} is not positive
     */
    public static Result run(int increments) throws InterruptedException, ExecutionException {
        if (increments < 1) {
            throw new IllegalArgumentException("increments must be positive: " + increments);
        }
        counter = 0; // a known start, however often this runs in one JVM

        /*
         * First the shared-memory baseline: a thread of this JVM increments the counter, and after join() the
         * parent sees every increment. (join() makes the thread's writes visible to us; one thread at a time
         * touches the counter, so there is no race to lose updates to.)
         */
        Thread thread = Thread.ofPlatform().name("incrementer").start(() -> {
            for (int i = 0; i < increments; i++) {
                counter++;
            }
        });
        thread.join();
        int afterThread = counter;

        /*
         * Now the same increments in a worker JVM: a pool of one worker, so that both tasks run in the same JVM.
         */
        ArrayList<String> shopping = new ArrayList<>(List.of("milk"));
        Seen first;
        Seen second;
        ArrayList<String> returned;
        try (ProcessPool pool = ProcessPool.create(1)) {
            first = pool.submit(new Increment(increments)).get();
            second = pool.submit(new Increment(increments)).get();
            returned = pool.submit(new Append(shopping, "eggs")).get();
        }
        return new Result(ProcessHandle.current().pid(), increments, afterThread, first, second, counter,
            List.copyOf(shopping), List.copyOf(returned));
    }

    /*
     * It turns out:
     *
     * - The worker's counter starts at 0, not at the parent's value. A worker is a new JVM that loads the class
     *   afresh; nothing of the parent's heap comes along. (Python's default start method on Linux, fork, copies
     *   the parent's memory as it is at that moment, so there a child starts with the parent's current value;
     *   its "spawn" method, the default on macOS and Windows, behaves like Java.)
     * - The parent's counter is exactly what the thread left, after both tasks. Nothing a worker does to its
     *   statics can reach us; its value comes back only because the task returned it.
     * - The second task in the same worker starts from the first one's value: statics live as long as the
     *   worker. A process pool reuses its workers, so per-worker state is a pitfall; ProcessPool's initializer
     *   (and maxTasksPerWorker, which replaces a worker after N tasks) exist for that, as in Python.
     * - The list we passed was serialized and rebuilt in the worker: the task appended to that copy and
     *   returned it, and our list is untouched. Arguments and results are copied both ways, which is safe (no
     *   data race is possible) and costs time proportional to their size.
     */

    static void show(Result result, Report report) {
        report.banner("SEPARATE MEMORY: A STATIC COUNTER IN TWO JVMS");
        report.line("Parent JVM pid " + result.parentPid() + ": a thread of this JVM added " + result.increments()
            + " -> parent's counter = " + result.afterThread() + " (threads share memory)");
        report.line("Worker pid " + result.first().pid() + ", task 1: counter was " + result.first().before()
            + ", added " + result.increments() + " -> " + result.first().after() + " (the worker's own copy)");
        report.line("Worker pid " + result.second().pid() + ", task 2: counter was " + result.second().before()
            + ", added " + result.increments() + " -> " + result.second().after()
            + " (statics live as long as the worker)");
        report.line("Parent's counter after both tasks = " + result.parentAfterTasks()
            + " (unchanged: the worker's value came back only as a result)");
        report.line("A list passed to a task: the task appended to its copy and returned " + result.returnedList()
            + "; the parent's list is still " + result.parentList());
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Processes_02_SeparateMemory.class, QUESTION)
            .run(args, out, err, arguments -> show(run(1_000), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-processes -am test-compile -Drun=examples-processes -Dargs="--lesson 2"
     *
     * Look for: the parent's counter the same before and after the tasks, and the worker's counting on from
     * one task to the next.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3, run profile,
     * 2026-11-25, load average 2.5):
     *
     *   === SEPARATE MEMORY: A STATIC COUNTER IN TWO JVMS ===
     *   Parent JVM pid 13096: a thread of this JVM added 1000 -> parent's counter = 1000 (threads share memory)
     *   Worker pid 13191, task 1: counter was 0, added 1000 -> 1000 (the worker's own copy)
     *   Worker pid 13191, task 2: counter was 1000, added 1000 -> 2000 (statics live as long as the worker)
     *   Parent's counter after both tasks = 1000 (unchanged: the worker's value came back only as a result)
     *   A list passed to a task: the task appended to its copy and returned [milk, eggs]; the parent's list is still [milk]
     */

    /**
     * Shows the counter and the list on both sides of the process boundary.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
