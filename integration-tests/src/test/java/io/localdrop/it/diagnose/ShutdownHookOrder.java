package io.localdrop.it.diagnose;

/**
 * Makes an application's graceful shutdown deterministically slower than any ordinary shutdown hook the agent
 * might have: the fixtures' hooks first wait for a thread named {@code localdrop-shutdown-report} (the agent's
 * hook before its report moved after the application's hooks, and its fallback today), bounded. Without this, a
 * report written by an ordinary hook would only sometimes miss what the application's hook makes happen.
 */
final class ShutdownHookOrder {
    private ShutdownHookOrder() {
    }

    static void afterAnyOrdinaryAgentHook() throws InterruptedException {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            if ("localdrop-shutdown-report".equals(threads[i].getName())) {
                threads[i].join(60_000);
            }
        }
    }
}
