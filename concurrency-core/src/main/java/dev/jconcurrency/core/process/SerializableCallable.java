package dev.jconcurrency.core.process;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can be sent to another JVM: the task type of {@link ProcessPool}.
 *
 * <h2>Purpose</h2>
 * A worker of a process pool is a separate JVM with its own heap, so a task reaches it as bytes: Java
 * serialization of the task object and of everything it captures. A lambda is serializable only if its
 * target type is; this interface is such a target type, so {@code pool.submit(() -> x * x)} compiles to a
 * serializable lambda (the compiler prefers {@link ProcessPool#submit(SerializableCallable)}, the most
 * specific overload).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Everything the task captures must be {@link Serializable} too. A lambda written inside an instance
 *       method that uses a field captures {@code this}, the whole enclosing object: copy the field into a local
 *       variable first. {@link ProcessPool} checks this at {@code submit} and names the offending class.
 *   <li>The task's class (for a lambda: the class that wrote it) must be on the worker's class path, which is
 *       the parent's class path: a class generated at run time, or loaded by a custom class loader, cannot be
 *       found by the worker. This is the Java counterpart of Python's "functions must be defined at module level".
 *   <li>A plain {@code Callable} held in a variable of type {@code Callable} is not serializable; cast it when
 *       you write it: {@code (Callable<T> & Serializable) () -> ...}.
 * </ul>
 *
 * @param <T> the result type, which must be serializable as well, since it travels back to the parent
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable {
}
