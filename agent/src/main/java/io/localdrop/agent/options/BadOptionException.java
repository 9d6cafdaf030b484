package io.localdrop.agent.options;

/**
 * A bad agent option. The message is the complete one line the user sees: it names the option, the bad
 * value and what is accepted. The agent prints it and halts with {@link #EXIT_STATUS}.
 */
public final class BadOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The exit status of a JVM started with a bad agent option. */
    public static final int EXIT_STATUS = 2;

    BadOptionException(String message) {
        super(message);
    }

    /** No stack trace: it is never printed, and filling it in costs start-up time. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
