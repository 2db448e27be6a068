/**
 * Child JVMs: run a main class in a new JVM ({@link dev.jconcurrency.core.process.ChildJvm}), or many small
 * tasks on a pool of long-lived worker JVMs ({@link dev.jconcurrency.core.process.ProcessPool}, an
 * {@link java.util.concurrent.ExecutorService}).
 *
 * <h2>Why a Java programmer would start processes at all</h2>
 * Python programmers use processes for CPU-bound work because of the GIL. Java has no GIL: its threads run on
 * every core, so a thread pool is the first answer for CPU work, and it is far cheaper. Processes give something
 * else: <b>isolation</b>. A child JVM has its own heap, statics, class loaders and native state; when it crashes,
 * runs out of memory, calls {@code System.exit} or hangs in native code, the parent sees a failed task, not a
 * failed program, and can kill it outright, which it cannot do to a thread. See {@link
 * dev.jconcurrency.core.process.ProcessPool} for when that is worth the cost (tens of milliseconds to start a
 * worker, microseconds per task for copying tasks and results through pipes).
 *
 * <h2>What both classes guarantee</h2>
 * <ul>
 *   <li>A child runs this JVM's {@code java} and class path, and is always reaped: no zombie, and none left
 *       running after {@code close()} or after its time bound.
 *   <li>Its stdout and stderr are read from the start on dedicated platform threads (never the common
 *       {@code ForkJoinPool}, which has one worker on 2 CPUs), so a child never blocks on a full pipe.
 *   <li>Failures name the child's pid, its exit code (137 = killed by {@code SIGKILL}) and the last lines of its
 *       stderr.
 *   <li>Everything read back from a worker is decoded under limits on depth, array length, references and
 *       bytes, Java serialization streams under an {@link java.io.ObjectInputFilter} with the same limits (see
 *       the module's README for why).
 * </ul>
 */
package dev.jconcurrency.core.process;
