package io.localdrop.benchmarks.diagnose;

/** ThreadLocal calls the agent leaves alone: its fork runs with {@code exclude=} this class. The baseline. */
final class PlainAccess {
    private PlainAccess() {
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
