package com.acme;

/** The user of the current request, kept per thread. */
public final class RequestContext {
    public static final ThreadLocal<String> USER = new ThreadLocal<>();

    private RequestContext() {
    }
}
