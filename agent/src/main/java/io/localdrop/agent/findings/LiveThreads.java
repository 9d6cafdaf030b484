package io.localdrop.agent.findings;

/**
 * The platform threads alive now, from the root thread group: what the report looks through for threads inside
 * their exit and for pool threads no boundary watches. Virtual threads are in no thread group (each is its own task).
 */
public final class LiveThreads {
    private LiveThreads() {
    }

    /** Every live platform thread; the array may end in nulls. */
    public static Thread[] all() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int found = root.enumerate(threads, true);
        while (found == threads.length) {
            threads = new Thread[threads.length * 2]; // more started since the count: until one enumeration fits
            found = root.enumerate(threads, true);
        }
        return threads;
    }
}
