package io.localdrop.testing;

/**
 * How an allowance names a ThreadLocal: the same rule as the agent's suppression file (docs/diagnose.md,
 * "Suppressing findings"), kept here because this module never links to the agent.
 */
final class ThreadLocalName {
    private ThreadLocalName() {
    }

    /** Whether {@code entry} names the finding's ThreadLocal: its field or creation site, else its type. */
    static boolean names(String entry, Finding.ThreadLocalInfo threadLocal) {
        if (threadLocal.field() == null && threadLocal.createdAt() == null) {
            return matches(entry, threadLocal.type());
        }
        return matches(entry, threadLocal.field()) || matches(entry, threadLocal.createdAt());
    }

    /** {@code name} is {@code entry}, or begins with it and the next character ends a name part. */
    static boolean matches(String entry, String name) {
        if (name == null || !name.startsWith(entry)) {
            return false;
        }
        if (name.length() == entry.length() || entry.endsWith(".") || entry.endsWith("$")) {
            return true;
        }
        char next = name.charAt(entry.length());
        return next == '.' || next == '$' || next == '(';
    }
}
