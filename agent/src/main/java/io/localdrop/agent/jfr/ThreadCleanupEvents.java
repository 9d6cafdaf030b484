package io.localdrop.agent.jfr;

import io.localdrop.agent.health.InternalErrors;

/**
 * The hooks around enforce's close of a thread's values: {@link #begin} before (an event, started, when a
 * recording wants it; else null, at the cost of one {@code isEnabled()} and no allocation), {@link #end} after. The event is an
 * {@code Object} here so that callers link to no jdk.jfr class.
 */
public final class ThreadCleanupEvents {
    private ThreadCleanupEvents() {
    }

    /** A started event to hand to {@link #end}, or null when none is wanted or JFR is absent; never throws. */
    public static Object begin() {
        if (!Jfr.PRESENT) {
            return null;
        }
        try {
            return Commit.begin();
        } catch (Throwable failed) {
            InternalErrors.record("jfr: starting a ThreadCleanup event", failed);
            return null;
        }
    }

    /** Commits {@code started} (from {@link #begin}; null does nothing); never throws. */
    public static void end(Object started, boolean threadExit, int valuesClosed, int rounds) {
        if (started == null) {
            return;
        }
        try {
            Commit.end(started, threadExit, valuesClosed, rounds);
        } catch (Throwable failed) {
            InternalErrors.record("jfr: committing a ThreadCleanup event", failed);
        }
    }

    /** Apart, so that {@link ThreadCleanupEvents} links to no jdk.jfr class when the module is absent. */
    private static final class Commit {
        /** Asked {@code isEnabled()} only, never committed: see {@code FindingEvents}. */
        private static final ThreadCleanupEvent PROBE = new ThreadCleanupEvent();

        static Object begin() {
            if (!PROBE.isEnabled()) {
                return null;
            }
            ThreadCleanupEvent event = new ThreadCleanupEvent();
            event.begin();
            return event;
        }

        static void end(Object started, boolean threadExit, int valuesClosed, int rounds) {
            ThreadCleanupEvent event = (ThreadCleanupEvent) started;
            event.end();
            if (event.shouldCommit()) {
                event.thread = Thread.currentThread().getName();
                event.reason = threadExit ? "exit" : "wipe";
                event.valuesClosed = valuesClosed;
                event.rounds = rounds;
                event.commit();
            }
        }
    }
}
