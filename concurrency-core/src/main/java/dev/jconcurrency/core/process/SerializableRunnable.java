package dev.jconcurrency.core.process;

import java.io.Serializable;

/**
 * A {@link Runnable} that can be sent to another JVM: the type of a {@link ProcessPool} worker's initializer
 * and of tasks given to {@link ProcessPool#execute(SerializableRunnable)}.
 *
 * <p>A lambda passed where this type is expected is compiled as a serializable lambda. The same rules as for
 * {@link SerializableCallable} apply.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {
}
