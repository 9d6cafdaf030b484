package io.localdrop.benchmarks.enforce;

/** ThreadLocal calls the agent leaves alone (excluded by the fork's options): the baseline. */
final class EnforcePlainAccess {
    private EnforcePlainAccess() {
    }

    static Object get(ThreadLocal<Object> threadLocal) {
        return threadLocal.get();
    }

    static void set(ThreadLocal<Object> threadLocal, Object value) {
        threadLocal.set(value);
    }

    static void remove(ThreadLocal<Object> threadLocal) {
        threadLocal.remove();
    }
}
