package dev.jconcurrency.core.cli;

/**
 * A mistake on the command line. Its message is one line naming the option and its allowed values, ready to
 * be shown to the user as it is.
 */
public final class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the option and its allowed values
     * @throws NullPointerException if {@code message} is null
     */
    public UsageException(String message) {
        super(java.util.Objects.requireNonNull(message, "message"));
    }
}
