/**
 * Measuring concurrent code honestly: {@link dev.jconcurrency.core.timing.Stopwatch},
 * {@link dev.jconcurrency.core.timing.Timed}, {@link dev.jconcurrency.core.timing.Measurement} and the speedup
 * maths of {@link dev.jconcurrency.core.timing.Speedup}.
 */
package dev.jconcurrency.core.timing;
