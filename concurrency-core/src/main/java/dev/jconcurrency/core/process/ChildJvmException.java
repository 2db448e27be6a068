package dev.jconcurrency.core.process;

import java.util.Objects;
import java.util.Optional;

/**
 * A child JVM ended badly: it exited with a non-zero exit code, or it died (was killed, crashed) while it ran a
 * task of a {@link ProcessPool}.
 *
 * <p>The message names what a person debugging needs first: the child's pid, its exit code (with the signal
 * for codes above 128 on Linux and macOS: 137 is 128 + 9, {@code SIGKILL}; 143 is 128 + 15, {@code SIGTERM})
 * and the last lines the child wrote to its standard error. Python's {@code ProcessPoolExecutor} reports a dead
 * worker as a {@code BrokenProcessPool} with neither pid nor exit code, and breaks every pending future with
 * it; here only the future of the task that was running fails, with this exception as its cause.
 */
public final class ChildJvmException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long pid;
    private final int exitCode;
    private final String stderrTail;
    /** Not serialized: an exception sent to another JVM (from a pool task, say) keeps the summary, not the outputs. */
    private final transient ChildJvm.Result result;

    ChildJvmException(String message, long pid, int exitCode, String stderrTail, ChildJvm.Result result) {
        super(message);
        this.pid = pid;
        this.exitCode = exitCode;
        this.stderrTail = Objects.requireNonNull(stderrTail, "stderrTail");
        this.result = result;
    }

    /** The operating-system process id of the child. */
    public long pid() {
        return pid;
    }

    /** The child's exit code: 137 when it was killed with {@code SIGKILL}, 143 with {@code SIGTERM}. */
    public int exitCode() {
        return exitCode;
    }

    /** The last lines (at most 20) the child wrote to its standard error; empty if it wrote none. */
    public String stderrTail() {
        return stderrTail;
    }

    /**
     * Everything the child produced, when it was started by {@link ChildJvm}; empty for a worker of a
     * {@link ProcessPool}, whose standard output is the pool's private channel.
     *
     * @return the full result (exit code, both outputs, pid, duration), if known
     */
    public Optional<ChildJvm.Result> result() {
        return Optional.ofNullable(result);
    }
}
