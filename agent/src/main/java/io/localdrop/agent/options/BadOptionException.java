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
        super(oneLine(message));
    }

    /**
     * The message with every control character and line or paragraph separator written as a backslash-u
     * escape: it echoes what the user gave, and a value holding a line break must still make exactly one line.
     */
    static String oneLine(String message) {
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean breaks = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (breaks && out == null) {
                out = new StringBuilder(message.length() + 16).append(message, 0, i);
            }
            if (out != null) {
                if (breaks) {
                    out.append("\\u").append(Character.forDigit((c >> 12) & 15, 16)).append(Character.forDigit((c >> 8) & 15, 16))
                            .append(Character.forDigit((c >> 4) & 15, 16)).append(Character.forDigit(c & 15, 16));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? message : out.toString();
    }

    /** No stack trace: it is never printed, and filling it in costs start-up time. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
