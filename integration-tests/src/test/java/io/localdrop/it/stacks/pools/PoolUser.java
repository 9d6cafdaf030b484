package io.localdrop.it.stacks.pools;

/** A per-thread user, as a task framework's "current user" holder; the leaky tasks never remove it. */
final class PoolUser {

    static final ThreadLocal<String> USER = new ThreadLocal<>();

    private PoolUser() {
    }

    static void store(String user) {
        USER.set(user); // leak: user set
    }

    static String read() {
        return USER.get(); // leak: user read
    }

    /** The correct use: stored for the task's work only, removed in {@code finally}; returns what the work read. */
    static String withUser(String user) {
        USER.set(user);
        try {
            return USER.get();
        } finally {
            USER.remove();
        }
    }
}
