package io.localdrop.agent.findings;

import java.util.concurrent.atomic.AtomicLong;

/** Counters for the report's summary, and the global count of leaked values that arms the bleed check. */
public final class Census {
    private static final AtomicLong THREADS = new AtomicLong();
    /**
     * Leaked values being watched on all threads. The rewritten {@code get} reads it on every call and does
     * more only when it is not zero: an application that leaks nothing pays one volatile read per get.
     */
    public static volatile int suspects;

    private Census() {
    }

    static void threadSeen() {
        THREADS.incrementAndGet();
    }

    /**
     * Threads the detectors saw at their exit or first task. The report adds those whose exit the bridge kept from
     * the features (nothing to see: {@code ExitEvents.quietExits()}), a count of the exit package above this one.
     */
    public static long threadsSeen() {
        return THREADS.get();
    }

    static synchronized void adjustSuspects(int delta) {
        if (delta != 0) {
            suspects = Math.max(0, suspects + delta);
        }
    }
}
