package io.localdrop.benchmarks.diagnose;

/** The same calls as {@link PlainAccess}, which the agent rewrites (their sites go through SiteHooks). */
final class RewrittenAccess {
    private RewrittenAccess() {
    }

    static Object get(ThreadLocal<Object> threadLocal) {
        return threadLocal.get();
    }

    static void set(ThreadLocal<Object> threadLocal, Object value) {
        threadLocal.set(value);
    }
}
