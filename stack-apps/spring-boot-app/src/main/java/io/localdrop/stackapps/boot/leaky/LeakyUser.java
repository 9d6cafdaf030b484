package io.localdrop.stackapps.boot.leaky;

/** The caller's user, as a hand-written "security context" would hold it. Set by {@link LeakyUserFilter}. */
public final class LeakyUser {

    static final ThreadLocal<String> USER = new ThreadLocal<>();

    private LeakyUser() {
    }

    /** The user the filter stored on this thread, or null; the mistake: it may be an earlier request's. */
    static String current() {
        return USER.get(); // leak: user read
    }
}
