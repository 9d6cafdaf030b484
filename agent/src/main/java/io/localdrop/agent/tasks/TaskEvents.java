package io.localdrop.agent.tasks;

import io.localdrop.agent.findings.Detectors;
import io.localdrop.agent.findings.TaskTracker;
import io.localdrop.internal.BridgeProtocol;

import java.util.function.IntConsumer;

/**
 * The event codes task-boundary code passes to {@code java.lang.LocaldropBridge.onThreadEvent(int)}, next
 * to the runtime's 0 (THREAD_EXIT) and 1 (LOCALS_WIPE), and the handler that turns them into detector
 * calls on the current thread. The runtime ignores codes it does not know.
 */
public final class TaskEvents implements IntConsumer {
    public static final int THREAD_EXIT = BridgeProtocol.THREAD_EXIT;
    public static final int LOCALS_WIPE = BridgeProtocol.LOCALS_WIPE;
    /**
     * A pool's task starts on the current thread (ThreadPoolExecutor, Tomcat's pool, a worker loop's
     * {@code Runnable.run()}): a pool boundary, which only deepens when nested ({@link TaskTracker}).
     */
    public static final int TASK_START = BridgeProtocol.TASK_START;
    /** That task ended. */
    public static final int TASK_END = BridgeProtocol.TASK_END;
    /**
     * A task starts in a JDK-style pool's worker loop ({@link RunWorkerVisitor}): a TASK_START whose thread ran only the
     * pool's code since its last task, so nothing it stored in between is looked for. Ended by {@link #TASK_END}.
     */
    public static final int WORKER_TASK_START = BridgeProtocol.WORKER_TASK_START;
    /**
     * A ForkJoinTask starts executing ({@code ForkJoinTask.doExec}). A separate code because doExec also runs
     * on threads that are not pool workers (a caller of {@code invoke()} helping): only ForkJoin worker
     * threads treat it as a task boundary.
     */
    public static final int FORK_JOIN_START = BridgeProtocol.FORK_JOIN_START;
    /** That ForkJoinTask ended. */
    public static final int FORK_JOIN_END = BridgeProtocol.FORK_JOIN_END;
    /**
     * One request's handling starts (a server's request entry point, a {@code taskBoundary} method): a request
     * boundary, a task of its own even inside a pool's task ({@link TaskTracker}).
     */
    public static final int REQUEST_START = BridgeProtocol.REQUEST_START;
    /** That request's handling ended on this thread. */
    public static final int REQUEST_END = BridgeProtocol.REQUEST_END;

    /** The bridge's binary name and the method the injected code calls. */
    public static final String BRIDGE = BridgeProtocol.INTERNAL_NAME;
    public static final String EVENT_METHOD = BridgeProtocol.EVENT_METHOD;

    @Override
    public void accept(int event) {
        switch (event) {
            case TASK_START:
            case TASK_END:
            case REQUEST_START:
            case REQUEST_END:
                Detectors.taskStep(event);
                break;
            case WORKER_TASK_START:
                Detectors.taskStep(TASK_START, false);
                break;
            case FORK_JOIN_START:
                if (isForkJoinWorker()) {
                    Detectors.taskStep(TASK_START, false); // between its tasks a worker runs the pool's code only
                }
                break;
            case FORK_JOIN_END:
                if (isForkJoinWorker()) {
                    Detectors.taskStep(TASK_END);
                }
                break;
            case THREAD_EXIT:
                UnwatchedThreads.threadExiting();
                Detectors.threadExit();
                break;
            case LOCALS_WIPE:
                Detectors.localsWipe();
                break;
            default:
                break;
        }
    }

    /**
     * Whether the current thread is a ForkJoin worker, whose doExec boundaries are tasks (a thread helping with
     * {@code invoke()} is not one). The carriers of virtual threads (JDK 21+) are ForkJoin worker threads too, but
     * their boundaries never get here: the bridge drops them before any handler (its {@code onCarrier}).
     */
    public static boolean isForkJoinWorker() {
        return Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread;
    }
}
