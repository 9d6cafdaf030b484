package com.acme;

/** The tenant of the current request, kept per thread. */
public final class TenantContext {
    public static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    private TenantContext() {
    }
}
