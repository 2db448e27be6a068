package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Stopwatch;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How do threads hand work to each other safely? Through a {@code BlockingQueue}: producers {@code put}, consumers
 * {@code take}, the queue does all the locking, and a "poison pill" per consumer tells it to stop, so every item is
 * delivered exactly once.
 *
 * <p>This is the shared-memory answer to {@link Threading_04_LostUpdate}'s hazards: instead of sharing a variable,
 * threads pass ownership of objects through a thread-safe channel. Python's {@code queue.Queue} is the same idea.
 */
public final class Threading_07_ProducerConsumer {

    static final String QUESTION = "How do threads hand work to each other safely?";

    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private Threading_07_ProducerConsumer() {
    }

    /*
     * Suppose some threads produce work items (lines read from files, requests accepted from a socket) and other
     * threads process them. We want each item processed exactly once, no item lost, producers slowed down when the
     * consumers fall behind, and every thread ended when the work is done.
     *
     * A bounded ArrayBlockingQueue gives the first three: put() waits while the queue is full (back-pressure),
     * take() waits while it is empty, and each item goes to exactly one taker. Memory consistency comes with it:
     * whatever a producer did before put() happens-before what the consumer does after take(), so an item can be
     * built by one thread and read by another with no further locking.
     *
     * For the fourth, consumers need to know when to stop. take() has no "end of stream", so we send one: a poison
     * pill, an item that means "no more". When every producer has finished, the coordinator puts one pill per
     * consumer; each consumer stops at the first pill it takes. A consumer never takes two, because it stops.
     */

    /** A work item; {@link #POISON} is compared by identity, so no real item can ever be mistaken for it. */
    record Item(int id) {
    }

    static final Item POISON = new Item(-1);

    /**
     * What the consumers received.
     *
     * @param produced how many items the producers put, with ids 0 to produced - 1
     * @param taken how many items the consumers took, pills not counted
     * @param distinctIds how many different ids of 0 to produced - 1 were taken
     * @param perConsumer how many items each consumer took, in the order the consumers were started
     * @param pillsTaken how many poison pills were taken: one per consumer
     * @param fullPuts how many puts found the queue full and had to wait (back-pressure at work)
     * @param elapsed how long it all took
     */
    public record Result(int produced, int taken, int distinctIds, List<Integer> perConsumer, int pillsTaken,
                         int fullPuts, Duration elapsed) {

        /**
         * Whether every item was taken exactly once: as many taken as produced, all of them different ids of the
         * produced range, so none is missing and none came twice.
         */
        public boolean exactlyOnce() {
            return taken == produced && distinctIds == produced;
        }
    }

    /**
     * Runs producers and consumers over one bounded queue until every item is consumed.
     *
     * @param producers producer threads, 1 or more
     * @param consumers consumer threads, 1 or more
     * @param itemsPerProducer 0 or more
     * @param capacity the queue's capacity, 1 or more
     * @return what was delivered; every thread has ended when this returns
     * @throws InterruptedException if the calling thread is interrupted (every thread has ended by then)
     * @throws IllegalArgumentException if a number is out of range
     */
    public static Result run(int producers, int consumers, int itemsPerProducer, int capacity)
        throws InterruptedException {
        requirePositive(producers, "producers");
        requirePositive(consumers, "consumers");
        requirePositive(capacity, "capacity");
        if (itemsPerProducer < 0) {
            throw new IllegalArgumentException("itemsPerProducer must not be negative: " + itemsPerProducer);
        }
        BlockingQueue<Item> queue = new ArrayBlockingQueue<>(capacity);
        AtomicInteger fullPuts = new AtomicInteger();
        List<Future<?>> producing = new ArrayList<>();
        List<Future<List<Item>>> consuming = new ArrayList<>();
        Stopwatch watch = Stopwatch.start();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("queue-thread-", 0).factory())) {
            for (int c = 0; c < consumers; c++) {
                consuming.add(threads.submit(() -> consume(queue)));
            }
            for (int p = 0; p < producers; p++) {
                int first = p * itemsPerProducer;
                producing.add(threads.submit(() -> {
                    produce(queue, first, itemsPerProducer, fullPuts);
                    return null;
                }));
            }
            try {
                for (Future<?> producer : producing) {
                    get(producer);
                }
                // Every item is in the queue or taken: now, and only now, one pill per consumer.
                for (int c = 0; c < consumers; c++) {
                    queue.put(POISON);
                }
                for (Future<List<Item>> consumer : consuming) {
                    get(consumer);
                }
            } catch (InterruptedException | RuntimeException e) {
                threads.shutdownNow(); // every put and take waits interruptibly, so this frees them for close()
                throw e;
            }
        }
        Duration elapsed = watch.elapsed();
        return tally(producers * itemsPerProducer, consuming, fullPuts.get(), elapsed);
    }

    /* A producer: put() blocks while the queue is full. We try offer() first only to count how often that happens. */

    private static void produce(BlockingQueue<Item> queue, int first, int count, AtomicInteger fullPuts)
        throws InterruptedException {
        for (int id = first; id < first + count; id++) {
            Item item = new Item(id);
            if (!queue.offer(item)) {
                fullPuts.incrementAndGet();
                queue.put(item);
            }
        }
    }

    /*
     * A consumer: take() blocks while the queue is empty; the pill ends the loop. It keeps what it took, pill
     * included, and hands the list back through its Future: get() makes the list safely visible to the caller.
     */

    private static List<Item> consume(BlockingQueue<Item> queue) throws InterruptedException {
        List<Item> taken = new ArrayList<>();
        while (true) {
            Item item = queue.take();
            if (item == POISON) {
                taken.add(item);
                return taken;
            }
            taken.add(item);
        }
    }

    private static Result tally(int produced, List<Future<List<Item>>> consuming, int fullPuts, Duration elapsed) {
        BitSet ids = new BitSet(produced);
        List<Integer> perConsumer = new ArrayList<>();
        int taken = 0;
        int pills = 0;
        for (Future<List<Item>> consumer : consuming) {
            int items = 0;
            for (Item item : consumer.resultNow()) {
                if (item == POISON) {
                    pills++;
                } else {
                    items++;
                    if (item.id() >= 0 && item.id() < produced) {
                        ids.set(item.id());
                    }
                }
            }
            perConsumer.add(items);
            taken += items;
        }
        return new Result(produced, taken, ids.cardinality(), List.copyOf(perConsumer), pills, fullPuts, elapsed);
    }

    private static <T> T get(Future<T> task) throws InterruptedException {
        try {
            return task.get(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a producer or consumer failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("a producer or consumer did not finish within " + GIVE_UP, e);
        }
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /*
     * It turns out every id arrives exactly once, the consumers share the items between them (not necessarily
     * evenly: whoever is free takes the next one), each takes exactly one pill and ends, and with a small queue
     * the producers regularly find it full and wait: the queue paces them to the consumers' speed.
     *
     * Two classic mistakes the pill avoids: stopping consumers when the queue looks empty (a producer may be about
     * to put), and sending the pills before every producer has finished (an item put after a pill may never be
     * taken). With several producers, only the coordinator, after joining them all, knows it is the end.
     */

    static void show(Result result, Report report) {
        report.banner("PRODUCER / CONSUMER OVER A BLOCKING QUEUE");
        report.line("Produced " + result.produced() + " items; taken per consumer: " + result.perConsumer()
            + "; poison pills taken: " + result.pillsTaken());
        report.line("Every item delivered exactly once: " + (result.exactlyOnce() ? "yes" : "NO") + "; puts that"
            + " found the queue full and waited: " + result.fullPuts() + "; time: " + Report.seconds(result.elapsed()));
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Threading_07_ProducerConsumer.class, QUESTION)
            .run(args, out, err, arguments -> show(run(3, 2, 100_000, 16), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--lesson 7"
     *
     * Look for: "exactly once: yes", 2 pills for 2 consumers, and many puts that waited on a queue of 16.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3,
     * measured with -XX:TieredStopAtLevel=1 (C1 only), 2026-11-25, load average 6.39):
     *
     *   === PRODUCER / CONSUMER OVER A BLOCKING QUEUE ===
     *   Produced 300000 items; taken per consumer: [160973, 139027]; poison pills taken: 2
     *   Every item delivered exactly once: yes; puts that found the queue full and waited: 23208; time: 0.23 sec
     */

    /**
     * Runs 3 producers of 100,000 items each and 2 consumers over a queue of 16, and prints the tally.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
