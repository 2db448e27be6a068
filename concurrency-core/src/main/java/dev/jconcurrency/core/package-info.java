/**
 * jconcurrency's core library: the pieces every lesson and every engineer's own comparison needs.
 *
 * <ul>
 *   <li>{@code dev.jconcurrency.core.workload}: CPU and I/O work with answers known in closed form.
 *   <li>{@code dev.jconcurrency.core.timing}: stopwatch, repeated measurement, speedup, Amdahl, Karp-Flatt.
 *   <li>{@code dev.jconcurrency.core.report}: the seed demo's console format and comparison tables.
 *   <li>{@code dev.jconcurrency.core.net}: a loopback latency server.
 *   <li>{@code dev.jconcurrency.core.process}: child JVMs and a process-pool {@code ExecutorService}.
 * </ul>
 */
package dev.jconcurrency.core;
