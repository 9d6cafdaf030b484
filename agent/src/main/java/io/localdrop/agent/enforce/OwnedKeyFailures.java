package io.localdrop.agent.enforce;

import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.jfr.DestructorEvents;
import io.localdrop.internal.FailurePolicy;

/**
 * Reports an owned key's failing destructor under {@code onDestructorFailure=log} as DESTRUCTOR_FAILED, as enforce
 * does for a failing close(): the runtime tells its {@link FailurePolicy.FailureListener} of every failure it lets
 * pass. Failures of enforce's own closes pass through the same policy (same message) but are reported by
 * {@link ValueCloser} with what the agent knows of their ThreadLocal, so they are skipped here.
 */
final class OwnedKeyFailures implements FailurePolicy.FailureListener {
    static final String OWNED_KEY_TYPE = "io.localdrop.OwnedKey";

    @Override
    public void destructorFailed(String keyName, String threadName, Throwable failure) {
        DestructorEvents.failed(keyName, threadName, failure);
        EnforceState state = EnforceState.current();
        if (state != null && state.reportingClose) {
            return;
        }
        Findings.recordNamed(FindingKind.DESTRUCTOR_FAILED, keyName, OWNED_KEY_TYPE);
    }
}
