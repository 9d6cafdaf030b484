package io.localdrop.agent.enforce;

/**
 * {@code clearAfterTask=true}: at the end of the outermost task on a pooled thread, the values that task stored
 * with a rewritten {@code set} and left behind are removed (AutoCloseable ones closed, under the failure policy),
 * so the next task on the thread starts clean. Values from initialValue/withInitial (per-thread caches) and
 * values held through a {@link java.lang.ref.Reference} stay, as do values stored outside any task. Diagnose's
 * task-end scan, which runs just before, reports the same values as TASK_LEAK.
 */
final class TaskCleaner {
    private TaskCleaner() {
    }

    static void taskStart() {
        try {
            EnforceState.currentOrNew().depth++;
        } catch (Throwable ignored) {
            // never into the JDK
        }
    }

    static void taskEnd() {
        try {
            EnforceState state = EnforceState.current();
            if (state == null || state.depth == 0 || --state.depth > 0 || state.closing) {
                return;
            }
            Batch batch = new Batch().collect(state.order, null, Batch.Filter.TASK);
            if (batch.size == 0) {
                return;
            }
            batch.sort();
            state.closing = true;
            EnforceGate.enter();
            try {
                for (int i = 0; i < batch.size; i++) {
                    ValueCloser.closeOne(state, batch.threadLocals[i], batch.values[i], StoreOrder.ALIVE);
                }
            } finally {
                batch.clear();
                EnforceGate.leave();
                state.closing = false;
            }
        } catch (Throwable ignored) {
            // never into the JDK
        }
    }
}
