package io.localdrop.agent.jfr;

import io.localdrop.agent.findings.Finding;
import io.localdrop.agent.findings.FindingListener;
import io.localdrop.agent.health.InternalErrors;

/**
 * The {@link FindingListener} of {@code Findings}, told of each occurrence: an {@code io.localdrop.Finding} event when a recording
 * wants it and the finding's count has just reached a power of two (1, 2, 4, 8...), so a flood of a million
 * occurrences costs about twenty events per finding. Before JFR was started the cost is one volatile read (see
 * {@link Recorder}); when no recording wants the event, one {@code isEnabled()} more (a read of JFR's own switch for
 * the event type): no event is allocated and the finding is not even read.
 */
public final class FindingEvents {
    /** What diagnose's installation hands to {@code Findings.listen}: the findings package never sees this one. */
    public static final FindingListener LISTENER = new FindingListener() {
        @Override
        public void recorded(Finding finding) {
            FindingEvents.recorded(finding);
        }
    };

    private FindingEvents() {
    }

    /** After {@code finding} recorded an occurrence on this thread; never throws. */
    public static void recorded(Finding finding) {
        if (!Jfr.PRESENT) {
            return;
        }
        try {
            if (Recorder.initialized()) { // before it, touching the event class would start JFR's metadata
                Commit.ifWanted(finding);
            }
        } catch (Throwable failed) {
            InternalErrors.record("jfr: committing a Finding event", failed);
        }
    }

    /** Apart, so that {@link FindingEvents} links to no jdk.jfr class when the module is absent. */
    private static final class Commit {
        /**
         * Asked {@code isEnabled()} only, never committed: JFR answers it from the event type's current setting
         * (nothing of the instance is read), so the answer is live while no event object is made per occurrence.
         */
        private static final FindingEvent PROBE = new FindingEvent();

        static void ifWanted(Finding finding) {
            if (!PROBE.isEnabled()) {
                return;
            }
            long count = finding.count();
            if (Long.bitCount(count) != 1) {
                return; // throttled: only at 1, 2, 4, 8... occurrences of this finding
            }
            FindingEvent event = new FindingEvent();
            if (!event.shouldCommit()) {
                return;
            }
            event.kind = finding.kind().name();
            event.severity = finding.severity().name();
            event.threadLocal = finding.field() != null ? finding.field()
                    : finding.createdAt() != null ? finding.createdAt() : finding.type();
            event.threadLocalType = finding.type();
            event.setAt = String.join(", ", finding.setAt());
            event.readAt = String.join(", ", finding.readAt());
            event.appFrame = finding.appFrame();
            event.valueType = finding.valueType();
            event.count = count;
            event.commit();
        }
    }
}
