package dev.jconcurrency.core.process;

import java.util.Objects;

/**
 * Stands in for an exception thrown by a task in a worker JVM that could not itself be sent back to the parent
 * (it, or something it holds, is not serializable).
 *
 * <p>Most exceptions are serializable and reach the caller of {@code Future.get()} as what they are, as the
 * cause of the {@code ExecutionException}, with the stack trace they had in the worker. Only when that is
 * impossible does this class carry what can always be sent: the original class name, message and stack trace,
 * with the causes converted the same way.
 */
public final class RemoteTaskException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    RemoteTaskException(String remoteClassName, String message, String why) {
        super(remoteClassName + (message == null ? "" : ": " + message) + " (" + why + ")");
        this.remoteClassName = Objects.requireNonNull(remoteClassName, "remoteClassName");
    }

    /** Converts {@code t} and its causes, keeping class names, messages and stack traces. */
    static RemoteTaskException of(Throwable t, String why) {
        return of(t, why, 0);
    }

    private static RemoteTaskException of(Throwable t, String why, int depth) {
        RemoteTaskException copy = new RemoteTaskException(t.getClass().getName(), t.getMessage(), why);
        copy.setStackTrace(t.getStackTrace());
        Throwable cause = t.getCause();
        if (cause != null && cause != t && depth < 20) { // a hand-made cycle of causes must not recurse for ever
            copy.initCause(of(cause, "cause of the above", depth + 1));
        }
        return copy;
    }

    /**
     * The binary name of the exception class the task threw, e.g. {@code "com.example.ParseFailure"}.
     *
     * @return the class name
     */
    public String remoteClassName() {
        return remoteClassName;
    }
}
