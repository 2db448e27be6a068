package dev.jconcurrency.core.process;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can be sent to another JVM: the function type of
 * {@link ProcessPool#map(SerializableFunction, java.util.Collection, int)}.
 *
 * <p>A lambda passed where this type is expected is compiled as a serializable lambda. The same rules as for
 * {@link SerializableCallable} apply: everything the function captures must be serializable, and its class
 * must be on the class path, which the workers share with the parent.
 *
 * @param <T> the input type, serializable: inputs travel to the workers
 * @param <R> the result type, serializable: results travel back
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
