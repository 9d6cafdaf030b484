package io.localdrop.agent.enforce;

import io.localdrop.agent.tasks.TaskEvents;
import io.localdrop.internal.BridgeProtocol;

import java.util.function.IntConsumer;

/**
 * Enforce's handler of the bridge's thread events, registered after diagnose's (so diagnose's exit and task-end
 * scans see the values before enforce closes or removes them). Task events are followed only with
 * {@code clearAfterTask=true}.
 */
final class EnforceEvents implements IntConsumer {
    private final boolean clearAfterTask;

    EnforceEvents(boolean clearAfterTask) {
        this.clearAfterTask = clearAfterTask;
    }

    @Override
    public void accept(int event) {
        switch (event) {
            case BridgeProtocol.THREAD_EXIT:
                ExitCloser.run(true);
                break;
            case BridgeProtocol.LOCALS_WIPE:
                ExitCloser.run(false);
                break;
            case BridgeProtocol.TASK_START:
                if (clearAfterTask) {
                    TaskCleaner.taskStart();
                }
                break;
            case BridgeProtocol.TASK_END:
                if (clearAfterTask) {
                    TaskCleaner.taskEnd();
                }
                break;
            case BridgeProtocol.FORK_JOIN_START:
                if (clearAfterTask && TaskEvents.isForkJoinWorker()) {
                    TaskCleaner.taskStart();
                }
                break;
            case BridgeProtocol.FORK_JOIN_END:
                if (clearAfterTask && TaskEvents.isForkJoinWorker()) {
                    TaskCleaner.taskEnd();
                }
                break;
            default:
                break;
        }
    }
}
