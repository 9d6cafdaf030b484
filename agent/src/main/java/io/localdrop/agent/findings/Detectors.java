package io.localdrop.agent.findings;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.tasks.TaskEvents;
import io.localdrop.agent.tasks.TaskTracker;

import java.util.List;

/**
 * The detectors, run on the thread concerned at its task boundaries, its exit, and (when armed) in the
 * rewritten {@code get}:
 * <ul>
 *   <li>task end: what the task left in the thread's maps (TASK_LEAK), values from a foreign class loader
 *       (CLASSLOADER_PIN), initial values still there at a later task end (CACHE);</li>
 *   <li>get: a value leaked by an earlier task returned in a later one (BLEED);</li>
 *   <li>thread exit: AutoCloseable values still held (EXIT_LEAK).</li>
 * </ul>
 * Every entry point catches everything: they are called from JDK code (task boundaries, thread exit)
 * and from application code (get), into which the agent never throws.
 */
public final class Detectors {
    private static final String KEY_CELL = "io.localdrop.internal.KeyCell";
    private static final Class<?> SUPPLIED = ThreadLocal.withInitial(() -> null).getClass();

    private Detectors() {
    }

    /** A pool task starts on the current thread (what {@code TASK_START} does). */
    public static void taskStart() {
        taskStep(TaskEvents.TASK_START);
    }

    /** That pool task ends. */
    public static void taskEnd() {
        taskStep(TaskEvents.TASK_END);
    }

    /**
     * A task boundary on the current thread ({@link TaskEvents} codes 2, 3, 6, 7): {@link TaskTracker} says what it
     * means (nested boundaries only deepen; a request splits the pool job it runs in), this carries it out: a
     * baseline scan, a judging scan of what the task left, a new epoch.
     */
    public static void taskStep(int event) {
        try {
            boolean starts = event == TaskEvents.TASK_START || event == TaskEvents.REQUEST_START;
            ThreadState state = starts ? ThreadState.currentOrNew() : ThreadState.current();
            if (state == null) {
                return;
            }
            TaskTracker task = state.task;
            int step = task.step(event);
            if ((step & TaskTracker.JUDGE) != 0) {
                task.leftBehind().clear();
                scan(state, true);
            } else if ((step & TaskTracker.BASELINE) != 0) {
                scan(state, false);
            }
        } catch (Throwable failed) {
            InternalErrors.record("diagnose: task boundary", failed);
        }
    }

    /** The current thread exits: report AutoCloseable values still held, once (JDK 17 may call exit() thrice). */
    public static void threadExit() {
        try {
            ThreadState state = ThreadState.current();
            if (state != null) {
                if (state.exited) {
                    return;
                }
                state.exited = true;
                Census.adjustSuspects(-state.leaks);
                state.leaks = 0;
                state.last.clear();
            }
            if (state == null) {
                Census.threadSeen();
            }
            ExitScan scan = new ExitScan();
            ThreadLocalMapReader.forEach(Thread.currentThread(), scan);
            if (state == null && scan.found) {
                // most threads hold nothing to report and get no state; one that did is marked, so that a
                // repeated Thread.exit() (JDK 17) does not report it twice
                ThreadState.newUncounted().exited = true;
            }
        } catch (Throwable ignored) {
            // never into Thread.exit()
        }
    }

    /** The current thread's maps are about to be wiped (JDK 25 ForkJoin workers): its snapshot goes too. */
    public static void localsWipe() {
        try {
            ThreadState state = ThreadState.current();
            if (state != null) {
                Census.adjustSuspects(-state.leaks);
                state.leaks = 0;
                state.last.clear();
                state.last.index();
                state.task.reset();
            }
        } catch (Throwable ignored) {
            // never into the JDK
        }
    }

    /** Slow path of the rewritten get, taken only while some thread has a leaked value: BLEED. */
    public static void onGet(ThreadLocal<?> threadLocal, Object value, int readSite) {
        if (value == null) {
            return;
        }
        try {
            ThreadState state = ThreadState.current();
            if (state == null || state.leaks == 0 || !state.task.inTask()) {
                return;
            }
            ThreadState.Snapshot last = state.last;
            int at = last.find(ThreadLocalMapReader.hashOf(threadLocal));
            if (at < 0 || last.state[at] != ThreadState.LEAKED || last.valueHash[at] != System.identityHashCode(value)
                    || last.leakEpoch[at] >= state.task.epoch() || last.bleedEpoch[at] == state.task.epoch()) {
                return;
            }
            last.bleedEpoch[at] = state.task.epoch();
            TlInfo info = last.info[at];
            List<String> stack = Findings.exists(FindingKind.BLEED, info, threadLocal, last.setSite[at]) ? null
                    : Stacks.here();
            Findings.record(FindingKind.BLEED, info, threadLocal, last.setSite[at], readSite, value, stack);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** Rebuilds the thread's snapshot from its maps; judges the new values when {@code report}. */
    private static void scan(ThreadState state, boolean report) {
        TaskEndScan scan = new TaskEndScan(state, report);
        state.next.clear();
        ThreadLocalMapReader.forEach(Thread.currentThread(), scan);
        if (!scan.diverged && scan.position == state.last.size) {
            return; // the usual case: the same values as at the last task end, nothing to rebuild
        }
        scan.diverge();
        ThreadState.Snapshot done = state.last;
        state.last = state.next;
        state.next = done;
        done.clear();
        state.last.index();
        int leaks = state.last.leaks();
        Census.adjustSuspects(leaks - state.leaks);
        state.leaks = leaks;
    }

    static boolean skipped(ThreadLocal<?> threadLocal) {
        if (ThreadState.isAgentThreadLocal(threadLocal)) {
            return true;
        }
        Class<?> type = threadLocal.getClass();
        if (type == ThreadLocal.class || type == InheritableThreadLocal.class || type == SUPPLIED) {
            return false;
        }
        if (KEY_CELL.equals(type.getName())) {
            return true; // the runtime's owned keys: destroyed by the runtime, not leaks
        }
        // JDK-internal ThreadLocal subclasses hold the JDK's own per-thread state
        return type.getClassLoader() == null;
    }

    /** Judges one entry at a task end against the previous snapshot. */
    private static final class TaskEndScan implements ThreadLocalMapReader.EntryVisitor {
        private final ThreadState state;
        private final boolean report;
        /** Entries so far equal, in order, to the last snapshot's first {@code position} entries. */
        int position;
        /** Set at the first entry that differs: from then on the next snapshot is built. */
        boolean diverged;

        TaskEndScan(ThreadState state, boolean report) {
            this.state = state;
            this.report = report;
        }

        /** Starts building the next snapshot: the entries matched so far are copied from the last one. */
        void diverge() {
            if (diverged) {
                return;
            }
            diverged = true;
            ThreadState.Snapshot last = state.last;
            for (int i = 0; i < position; i++) {
                state.next.add(last.tlHash[i], last.valueHash[i], last.state[i], last.setSite[i], last.leakEpoch[i],
                        last.bleedEpoch[i], last.info[i]);
            }
        }

        @Override
        public void entry(ThreadLocal<?> threadLocal, Object value) {
            int hash = ThreadLocalMapReader.hashOf(threadLocal);
            int valueHash = System.identityHashCode(value);
            ThreadState.Snapshot last = state.last;
            if (!diverged) {
                int at = position;
                if (at < last.size && last.tlHash[at] == hash && last.valueHash[at] == valueHash) {
                    // the same entry as at the last task end (the map's order is stable while it is unchanged)
                    if (last.state[at] == ThreadState.INITIAL && report) {
                        Findings.record(FindingKind.CACHE, last.info[at], threadLocal, cacheSite(last.info[at]), -1,
                                value, null);
                        last.state[at] = ThreadState.CACHED;
                    }
                    if (last.state[at] == ThreadState.LEAKED && report) {
                        state.task.judgedLeak(threadLocal, value);
                    }
                    position++;
                    return;
                }
                diverge();
            }
            if (skipped(threadLocal)) {
                // kept (as ignored) so that an unchanged map matches the snapshot entry for entry
                state.next.add(hash, valueHash, ThreadState.IGNORED, -1, 0, 0, null);
                return;
            }
            int at = last.find(hash);
            if (at >= 0 && last.valueHash[at] == valueHash) {
                byte verdict = last.state[at];
                if (verdict == ThreadState.INITIAL && report) {
                    // an initial value still there at a later task end: a per-thread cache, reused
                    Findings.record(FindingKind.CACHE, last.info[at], threadLocal, cacheSite(last.info[at]), -1, value,
                            null);
                    verdict = ThreadState.CACHED;
                }
                if (verdict == ThreadState.LEAKED && report) {
                    state.task.judgedLeak(threadLocal, value);
                }
                state.next.add(hash, valueHash, verdict, last.setSite[at], last.leakEpoch[at], last.bleedEpoch[at],
                        last.info[at]);
                return;
            }
            if (!report) {
                state.next.add(hash, valueHash, ThreadState.IGNORED, -1, 0, 0, null);
                return;
            }
            TlInfo info = TlRegistry.find(threadLocal);
            int setSite = info == null ? -1 : info.lastSetSite;
            byte verdict = judge(info, value);
            checkLoaders(info, threadLocal, value, setSite);
            if (verdict == ThreadState.LEAKED) {
                Findings.record(FindingKind.TASK_LEAK, info, threadLocal, setSite, -1, value, null);
                state.task.judgedLeak(threadLocal, value);
            }
            state.next.add(hash, valueHash, verdict, verdict == ThreadState.LEAKED ? setSite : -1, state.task.epoch(), 0,
                    info);
        }

        /**
         * A value new in this task: stored with set (a leak), an initial value (a cache), or neither known.
         * A value held through a {@link java.lang.ref.Reference} is how per-thread caches keep memory
         * reclaimable (Jackson's BufferRecycler): a cache even when stored with set.
         */
        private static byte judge(TlInfo info, Object value) {
            if (info == null) {
                return ThreadState.IGNORED;
            }
            if (value instanceof java.lang.ref.Reference) {
                return ThreadState.INITIAL;
            }
            if (info.lastSetSite >= 0) {
                return ThreadState.LEAKED;
            }
            return info.hasInitial() ? ThreadState.INITIAL : ThreadState.IGNORED;
        }

        private static int cacheSite(TlInfo info) {
            return info == null ? -1 : info.lastSetSite;
        }

        private static void checkLoaders(TlInfo info, ThreadLocal<?> threadLocal, Object value, int setSite) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (!LoaderNames.isContextOrAncestor(value.getClass().getClassLoader(), context)
                    || !LoaderNames.isContextOrAncestor(threadLocal.getClass().getClassLoader(), context)) {
                Findings.record(FindingKind.CLASSLOADER_PIN, info, threadLocal, setSite, -1, value, null);
            }
        }
    }

    /** Reports AutoCloseable values still held by an exiting thread. */
    private static final class ExitScan implements ThreadLocalMapReader.EntryVisitor {
        boolean found;

        @Override
        public void entry(ThreadLocal<?> threadLocal, Object value) {
            if (value instanceof AutoCloseable && !skipped(threadLocal)) {
                found = true;
                TlInfo info = TlRegistry.find(threadLocal);
                Findings.record(FindingKind.EXIT_LEAK, info, threadLocal, info == null ? -1 : info.lastSetSite, -1,
                        value, null);
            }
        }
    }
}
