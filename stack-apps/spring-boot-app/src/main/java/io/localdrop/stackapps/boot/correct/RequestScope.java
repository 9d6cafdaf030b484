package io.localdrop.stackapps.boot.correct;

/** The current request's id, for the code the request calls; set and removed by {@link RequestScopeFilter}. */
public final class RequestScope {

    static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private RequestScope() {
    }

    /** The id of the request this thread is serving, or null outside a request. */
    public static String requestId() {
        return REQUEST_ID.get(); // correct: read
    }
}
