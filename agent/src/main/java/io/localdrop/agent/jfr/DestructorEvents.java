package io.localdrop.agent.jfr;

import io.localdrop.agent.health.InternalErrors;

/** The hook for an owned key's failing destructor: an {@code io.localdrop.DestructorFailed} event when wanted. */
public final class DestructorEvents {
    private DestructorEvents() {
    }

    /** Never throws; reads only the failure's class name (never its message, which may hold a value). */
    public static void failed(String keyName, String threadName, Throwable failure) {
        if (!Jfr.PRESENT) {
            return;
        }
        try {
            if (Recorder.initialized()) { // see FindingEvents
                Commit.ifWanted(keyName, threadName, failure);
            }
        } catch (Throwable failed) {
            InternalErrors.record("jfr: committing a DestructorFailed event", failed);
        }
    }

    /** Apart, so that {@link DestructorEvents} links to no jdk.jfr class when the module is absent. */
    private static final class Commit {
        /** Asked {@code isEnabled()} only, never committed: see {@code FindingEvents}. */
        private static final DestructorFailedEvent PROBE = new DestructorFailedEvent();

        static void ifWanted(String keyName, String threadName, Throwable failure) {
            if (!PROBE.isEnabled()) {
                return;
            }
            DestructorFailedEvent event = new DestructorFailedEvent();
            if (event.shouldCommit()) {
                event.key = keyName;
                event.thread = threadName;
                event.exceptionClass = failure == null ? null : failure.getClass().getName();
                event.commit();
            }
        }
    }
}
