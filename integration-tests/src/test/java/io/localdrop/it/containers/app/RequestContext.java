package io.localdrop.it.containers.app;

/**
 * A request-context holder like many frameworks have (the user of the current request, per
 * thread), with the classic bug: nothing clears it when the request ends, so the next request on
 * the same worker thread sees the previous user (BLEED).
 */
public final class RequestContext {

    private static final ThreadLocal<String> USER = new ThreadLocal<>();

    /** Lines of the two access sites, each recorded on the same line as the call, for the test to compare. */
    static volatile int setLine;
    static volatile int getLine;

    private RequestContext() {
    }

    static void login(String user) {
        USER.set(user); setLine = new Throwable().getStackTrace()[0].getLineNumber();
    }

    static String currentUser() {
        String user = USER.get(); getLine = new Throwable().getStackTrace()[0].getLineNumber();
        return user;
    }
}
