package io.localdrop.agent.enforce;

import io.localdrop.agent.tasks.TaskEvents;
import io.localdrop.agent.findings.TaskTracker;
import io.localdrop.internal.BridgeProtocol;

import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

/**
 * Enforce's handler of the bridge's thread events, registered after diagnose's (so diagnose's exit and task-end
 * scans see the values before enforce closes or removes them). Task events are followed only with
 * {@code clearAfterTask=true}, and through diagnose's reading of them ({@link TaskTracker#lastStep}): one
 * definition of where a task ends. Starts need nothing here.
 */
final class EnforceEvents implements IntConsumer, IntUnaryOperator {
    private final boolean clearAfterTask;

    EnforceEvents(boolean clearAfterTask) {
        this.clearAfterTask = clearAfterTask;
    }

    @Override
    public void accept(int event) {
        applyAsInt(event);
    }

    /** The bridge calls this one: at an exit or a wipe it hands back what was closed (BridgeProtocol's tally). */
    @Override
    public int applyAsInt(int event) {
        switch (event) {
            case BridgeProtocol.THREAD_EXIT:
                return ExitCloser.run(true);
            case BridgeProtocol.LOCALS_WIPE:
                return ExitCloser.run(false);
            case BridgeProtocol.TASK_END:
            case BridgeProtocol.REQUEST_END:
                if (clearAfterTask) {
                    TaskCleaner.afterStep(TaskTracker.lastStep());
                }
                break;
            case BridgeProtocol.FORK_JOIN_END:
                if (clearAfterTask && TaskEvents.isForkJoinWorker()) {
                    TaskCleaner.afterStep(TaskTracker.lastStep());
                }
                break;
            default:
                break;
        }
        return 0;
    }
}
