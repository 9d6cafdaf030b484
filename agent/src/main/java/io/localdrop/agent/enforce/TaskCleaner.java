package io.localdrop.agent.enforce;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.findings.TaskTracker;

/**
 * {@code clearAfterTask=true}: where a task ends on a pooled thread (the outermost pool task, or a request inside
 * a connection's job: {@link TaskTracker}), the values diagnose's task-end scan, which runs just before, judged
 * leaks of that task ({@link TaskTracker#judgedLeak}) are removed, AutoCloseable ones closed under the failure
 * policy, last stored first. So the next task or request on the thread starts clean, and what the scan judged
 * a per-thread cache (made by initialValue/withInitial, held through a Reference, or whatever the scan learns
 * to recognise) stays: removing a cache makes its owner build a new one per task.
 */
final class TaskCleaner {
    private TaskCleaner() {
    }

    /** After diagnose's handling of a task end: removes what it judged left behind, if the step judged. */
    static void afterStep(int step) {
        if ((step & TaskTracker.JUDGE) == 0) {
            return;
        }
        TaskTracker tracker = TaskTracker.current();
        if (tracker == null) {
            return;
        }
        TaskTracker.LeftBehind judged = tracker.leftBehind();
        try {
            if (judged.size() == 0) {
                return;
            }
            EnforceState state = EnforceState.currentOrNew();
            if (state.closing) {
                return;
            }
            Batch batch = new Batch().collectLeftBehind(state.order, judged);
            if (batch.size == 0) {
                return;
            }
            batch.sort();
            state.closing = true;
            EnforceGate.enter();
            try {
                for (int i = 0; i < batch.size; i++) {
                    // a value the thread inherited is its creator's object too: removed here, never closed
                    ValueCloser.closeOne(state, batch.threadLocals[i], batch.values[i], StoreOrder.ALIVE,
                            !batch.likelyInherited(i));
                }
            } finally {
                batch.clear();
                EnforceGate.leave();
                state.closing = false;
            }
        } catch (Throwable failed) {
            InternalErrors.record("enforce: clearAfterTask at a task end", failed);
        } finally {
            judged.clear();
        }
    }
}
