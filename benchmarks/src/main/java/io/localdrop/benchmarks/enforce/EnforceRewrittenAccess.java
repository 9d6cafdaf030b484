package io.localdrop.benchmarks.enforce;

/** The same calls as {@link EnforcePlainAccess}, rewritten by the agent under mode=enforce. */
final class EnforceRewrittenAccess {
    private EnforceRewrittenAccess() {
    }

    static Object get(ThreadLocal<Object> threadLocal) {
        return threadLocal.get();
    }

    static void set(ThreadLocal<Object> threadLocal, Object value) {
        threadLocal.set(value);
    }
}
