package io.localdrop.agent.findings;

import io.localdrop.internal.BridgeProtocol;
import java.util.Arrays;

/**
 * The one definition of "which task is this thread in", shared by diagnose (its task-end scan and the bleed
 * check) and enforce ({@code clearAfterTask}): the nesting of the boundaries the thread is inside, and the
 * epoch (number) of its current task.
 *
 * <p>Two kinds of boundary ({@link BridgeProtocol}):
 * <ul>
 *   <li><b>pool</b> boundaries (a pool's job, a worker loop's {@code Runnable.run()}): the outermost one is the
 *       task; nested ones only deepen it (a direct executor run inside a task is part of that task);</li>
 *   <li><b>request</b> boundaries (one request handled by a server, {@code taskBoundary} methods): the outermost
 *       one is a task of its own even inside a pool job. A connection's job that serves several keep-alive
 *       requests is cut into them: at a request's start the job's work so far is taken as it is (a baseline,
 *       nothing judged: it is the server's own prologue), at its end what the request left is judged; the next
 *       request starts a new epoch. Request boundaries nested in a request only deepen it.</li>
 * </ul>
 *
 * <p>{@link #step} turns one event into a {@code step}: a combination of {@link #BASELINE}, {@link #JUDGE} and
 * {@link #NEW_EPOCH}, which diagnose's handler carries out and records ({@link #lastStep}) for enforce's
 * handler, registered after it on the same bridge, to follow. Held by the thread's {@link ThreadState}.
 */
public final class TaskTracker {
    /** Nothing to do: a nested boundary, or an end without a start. */
    public static final int NONE = 0;
    /** Take the thread's values as they are, judging nothing (the first task on a thread; a request's start). */
    public static final int BASELINE = 1;
    /** Judge what the task that ends left behind (task-end scan; clearAfterTask). */
    public static final int JUDGE = 2;
    /** A new task starts: a new epoch, so a later read of a value an earlier task left is a bleed. */
    public static final int NEW_EPOCH = 4;

    private int poolDepth;
    private int requestDepth;
    private long epoch;
    private boolean started;
    private int lastStep;
    private final LeftBehind leftBehind = new LeftBehind();

    /** The tracker of the current thread, or null when it never saw a boundary. */
    public static TaskTracker current() {
        ThreadState state = ThreadState.current();
        return state == null ? null : state.task;
    }

    /** The step of the event the current thread's handlers are dispatching now ({@link #NONE} if none). */
    public static int lastStep() {
        TaskTracker tracker = current();
        return tracker == null ? NONE : tracker.lastStep;
    }

    /** Whether the current thread is inside a task now (rewritten code asks: stores in a task are the task's). */
    public static boolean currentInTask() {
        TaskTracker tracker = current();
        return tracker != null && tracker.inTask();
    }

    /** Turns a boundary event ({@link BridgeProtocol#TASK_START} ... {@link BridgeProtocol#REQUEST_END}) into a step. */
    public int step(int event) {
        int step = NONE;
        switch (event) {
            case BridgeProtocol.TASK_START:
                if (poolDepth++ == 0 && requestDepth == 0) {
                    step = begin();
                }
                break;
            case BridgeProtocol.TASK_END:
                if (poolDepth > 0 && --poolDepth == 0 && requestDepth == 0) {
                    step = JUDGE;
                }
                break;
            case BridgeProtocol.REQUEST_START:
                if (requestDepth++ == 0) {
                    // inside a pool job: the job's work so far is the server's, a baseline; else a task like any
                    step = poolDepth > 0 ? BASELINE | NEW_EPOCH : begin();
                }
                break;
            case BridgeProtocol.REQUEST_END:
                if (requestDepth > 0 && --requestDepth == 0) {
                    // inside a pool job the epoch stays until the next request: what the server does in between
                    // (logging the request, reading the next one) is not a later request's reading
                    step = JUDGE;
                }
                break;
            default:
                break;
        }
        if ((step & NEW_EPOCH) != 0) {
            epoch++;
        }
        lastStep = step;
        return step;
    }

    private int begin() {
        if (!started) {
            // the first task on this thread: what it held before is not a task's doing
            started = true;
            return BASELINE | NEW_EPOCH;
        }
        return NEW_EPOCH;
    }

    /** The thread's maps were wiped (JDK 25 ForkJoin workers): it starts afresh. */
    public void reset() {
        poolDepth = 0;
        requestDepth = 0;
        started = false;
        lastStep = NONE;
        leftBehind.clear();
    }

    public boolean inTask() {
        return poolDepth > 0 || requestDepth > 0;
    }

    /** The current task's number on this thread; grows at every task start. */
    public long epoch() {
        return epoch;
    }

    /** Whether this thread ever started a task (the report's "unwatched" section looks at threads that did not). */
    public boolean everStarted() {
        return started;
    }

    /**
     * The verdict of the task-end scan, for {@code clearAfterTask}: the scan calls this for every value it judged a
     * leak at this task end, new or already judged at an earlier one (only while {@link LeftBehind#wanted} is on).
     * Whatever makes the judgement (set without remove, not a cache, not a reset guard), this is the one way
     * enforce learns of it.
     */
    public void judgedLeak(ThreadLocal<?> threadLocal, Object value) {
        if (LeftBehind.wanted) {
            leftBehind.add(threadLocal, value);
        }
    }

    /** The values judged leaks at the task end being dispatched now; enforce empties it ({@link LeftBehind#clear}). */
    public LeftBehind leftBehind() {
        return leftBehind;
    }

    /** The (ThreadLocal, value) pairs judged leaks at one task end; held only between the scan and enforce's clean. */
    public static final class LeftBehind {
        /** On with {@code clearAfterTask=true}: only then does the scan pass its verdicts on. */
        static volatile boolean wanted;

        private ThreadLocal<?>[] threadLocals = new ThreadLocal<?>[0];
        private Object[] values = new Object[0];
        private int size;

        /** Turns the collection of verdicts on (clearAfterTask). */
        public static void collect() {
            wanted = true;
        }

        void add(ThreadLocal<?> threadLocal, Object value) {
            if (size == values.length) {
                int grown = Math.max(4, size * 2);
                threadLocals = Arrays.copyOf(threadLocals, grown);
                values = Arrays.copyOf(values, grown);
            }
            threadLocals[size] = threadLocal;
            values[size] = value;
            size++;
        }

        public int size() {
            return size;
        }

        /** Whether {@code value} in {@code threadLocal} was judged a leak at this task end (identity). */
        public boolean contains(ThreadLocal<?> threadLocal, Object value) {
            for (int i = 0; i < size; i++) {
                if (threadLocals[i] == threadLocal && values[i] == value) {
                    return true;
                }
            }
            return false;
        }

        /** Drops the references: nothing of the application's stays here after the task end. */
        public void clear() {
            if (size == 0) {
                return; // every task end asks, nearly always of an empty list
            }
            Arrays.fill(threadLocals, 0, size, null);
            Arrays.fill(values, 0, size, null);
            size = 0;
        }
    }
}
