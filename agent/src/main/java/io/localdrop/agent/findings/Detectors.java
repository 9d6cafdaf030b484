package io.localdrop.agent.findings;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.internal.BridgeProtocol;

/**
 * The detectors, run on the thread concerned at its task boundaries, its exit, and (when armed) in the
 * rewritten {@code get}:
 * <ul>
 *   <li>task end: what the task left in the thread's maps (TASK_LEAK), values from a foreign class loader
 *       (CLASSLOADER_PIN), per-thread caches still there at a later task end (CACHE), judged by the rules of
 *       {@link Classifier} (docs/diagnose.md, "How findings are classified");</li>
 *   <li>get: a value leaked by an earlier task returned in a later one, or a per-thread value read by other code
 *       than its own (BLEED); a get that returns null (the first half of the lazy idiom);</li>
 *   <li>set (slow path only): the store a later leak is attributed to, in the storing thread's trail;</li>
 *   <li>thread exit: AutoCloseable values still held (EXIT_LEAK).</li>
 * </ul>
 * Every entry point catches everything: they are called from JDK code (task boundaries, thread exit)
 * and from application code (get), into which the agent never throws.
 */
public final class Detectors {
    private Detectors() {
    }

    /** A pool task starts on the current thread (what {@code TASK_START} does). */
    public static void taskStart() {
        taskStep(BridgeProtocol.TASK_START);
    }

    /** That pool task ends. */
    public static void taskEnd() {
        taskStep(BridgeProtocol.TASK_END);
    }

    /**
     * A task boundary on the current thread ({@link BridgeProtocol} codes 2, 3, 6, 7): {@link TaskTracker} says what it
     * means (nested boundaries only deepen; a request splits the pool job it runs in), this carries it out: a
     * baseline scan, a judging scan of what the task left, a new epoch.
     */
    public static void taskStep(int event) {
        taskStep(event, true);
    }

    /**
     * {@link #taskStep(int)}, saying whether the thread may have run application code since its last task: false for
     * the worker loops of the JDK's pools (and Tomcat's copy of ThreadPoolExecutor), whose code between two tasks is
     * the pool's own, so a task start there need not look for stores made in between ({@link #storedBetweenTasks}).
     */
    public static void taskStep(int event, boolean ownWorkBetween) {
        try {
            boolean starts = event == BridgeProtocol.TASK_START || event == BridgeProtocol.REQUEST_START;
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
            } else if (ownWorkBetween && (step & TaskTracker.NEW_EPOCH) != 0 && storedBetweenTasks(state)) {
                scanBetweenTasks(state);
            }
        } catch (Throwable failed) {
            InternalErrors.record("diagnose: task boundary", failed);
        }
    }

    /**
     * Loads both of this class's map visitors at the installation. Why: while {@link TaskEndScan} is the only
     * {@link ThreadLocalMapReader.EntryVisitor} loaded, the JIT compiles the map walk with its {@code entry} inlined
     * on that knowledge alone (class hierarchy analysis), and the first thread exit, which loads {@link ExitScan},
     * throws that code away: the exit's walk of a large map (a flood's 150,000 entries) then starts again in the
     * interpreter, at about 3 us an entry. With two visitors loaded from the start the walk is compiled for a call
     * that stays valid.
     */
    public static Class<?>[] loadVisitors() {
        return new Class<?>[] {TaskEndScan.class, ExitScan.class}; // a class literal loads the class, runs nothing
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
            } else {
                Census.threadSeen();
            }
            ExitScan scan = new ExitScan(state);
            try {
                ThreadLocalMapReader.forEach(Thread.currentThread(), scan);
            } finally {
                if (state != null) {
                    // after the exit scan, which tells by the snapshot what the thread inherited
                    state.last.clear();
                    if (state.shape != null) {
                        state.shape.forget();
                    }
                }
            }
            if (state == null && scan.found) {
                // most threads hold nothing to report and get no state; one that did is marked, so that a
                // repeated Thread.exit() (JDK 17) does not report it twice
                ThreadState.newUncounted().exited = true;
            }
        } catch (Throwable failure) {
            InternalErrors.record("detector: thread exit", failure); // never into Thread.exit()
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
                if (state.shape != null) {
                    state.shape.forget();
                }
            }
        } catch (Throwable failure) {
            InternalErrors.record("detector: task boundary", failure); // never into the JDK
        }
    }

    /**
     * The rewritten get returned null: remembered (per thread, since the last task end) as the first half of the
     * lazy idiom. Threads that never ran a task have no state and pay one ThreadLocal read.
     */
    public static void onNullGet(ThreadLocal<?> threadLocal, int site) {
        try {
            ThreadState state = ThreadState.current();
            if (state != null) {
                state.trail.nullGet(ThreadLocalMapReader.hashOf(threadLocal), site);
            }
        } catch (Throwable failure) {
            InternalErrors.record("detector: null get", failure); // never into the application
        }
    }

    /**
     * A store into a ThreadLocal whose stores are watched ({@link TlInfo#shared}), or a first store from a site,
     * called just before it happens: recorded in the thread's trail with a stack when one is wanted, so that a
     * leak names this store, and with what the ThreadLocal held before the task's first store (a guard that
     * restores it leaves no leak).
     *
     * @param first the first store from this site into this ThreadLocal (a stack is taken within a budget)
     */
    public static void onStore(ThreadLocal<?> threadLocal, TlInfo info, Object value, int site, boolean first) {
        try {
            ThreadState state = ThreadState.currentOrNew();
            boolean wantStack = info.armed || (first && SiteRegistry.takeStack(info.createdSite(), info));
            int identity = System.identityHashCode(value);
            long epoch = state.task.epoch();
            int record = state.trail.recordOf(info);
            if (!wantStack && state.trail.repeats(record, site, identity, epoch)) {
                return; // this task's record already says so: the record would be written again unchanged
            }
            // called before the store: the first one of a task sees what the task started from (its record is known)
            int start = !info.shared || state.trail.inTask(record, epoch) ? 0
                    : ThreadLocalMapReader.identityOfValue(threadLocal);
            Stacks.Captured stack = wantStack ? Stacks.here() : null;
            if (stack != null && threadLocal instanceof InheritableThreadLocal) {
                info.lastStoreStack = stack; // kept for the one reader, an inherited value's finding (a few KiB each)
            }
            state.trail.store(record, info, site, identity, stack, epoch, start);
        } catch (Throwable failure) {
            InternalErrors.record("detector: store", failure); // never into the application
        }
    }

    /** Slow path of the rewritten get, taken only while some thread has a suspect value: BLEED. */
    public static void onGet(ThreadLocal<?> threadLocal, Object value, int readSite) {
        if (value == null) {
            return;
        }
        try {
            ThreadState state = ThreadState.current();
            if (state == null || (state.leaks == 0 && state.containers == 0)) {
                return;
            }
            ThreadState.Snapshot last = state.last;
            if (!state.task.inTask()) {
                betweenTasks(state, last, threadLocal, value, readSite);
                return;
            }
            int at = last.find(ThreadLocalMapReader.hashOf(threadLocal));
            if (at < 0 || last.valueHash[at] != System.identityHashCode(value)) {
                return;
            }
            byte verdict = last.state[at];
            if (last.rule[at] == Classifier.OWN_CONTAINER) {
                readOwnContainer(state, last, at, threadLocal, value, readSite, state.task.epoch());
                return;
            }
            if (last.rule[at] == Classifier.CONTAINER) {
                watchContainer(state, last, at, value, readSite);
            }
            if (last.leakEpoch[at] >= state.task.epoch() || last.bleedEpoch[at] == state.task.epoch()) {
                return;
            }
            if (last.rule[at] == Classifier.INHERITED) {
                // its creator's context; an inherited map (slf4j's BasicMDCAdapter copies the creator's) while it
                // still holds entries: one emptied since holds nothing of the creator's. Not in the thread's first
                // task: a pool makes a worker to run the job being handed to it, so that job is its creator's own
                if (state.task.epoch() > 1 && !storedInThisTask(state, last.info[at], last.valueHash[at])
                        && stillInherited(value)) {
                    bleed(last, at, state.task.epoch(), threadLocal, value, readSite);
                }
                return;
            }
            if (verdict == ThreadState.SELF && last.rule[at] == Classifier.RESTORED) {
                return; // what its task started from: no task's data
            }
            if (storedInThisTask(state, last.info[at], last.valueHash[at])) {
                return; // the very value an earlier task left (Boolean.TRUE, an enum constant), stored again by this one
            }
            if (verdict == ThreadState.PROBATION || verdict == ThreadState.SELF) {
                if (last.rule[at] != Classifier.BETWEEN_TASKS
                        && ownRead(last.rule[at], SiteRegistry.text(last.setSite[at]), SiteRegistry.text(readSite))) {
                    return;
                }
                // a per-thread value read by other code than its own (stored between tasks: read by a later task than
                // the one it was stored before): the earlier work's data, leaked after all
                leakedAfterAll(last, at, threadLocal, value);
            } else if (verdict != ThreadState.LEAKED) {
                return;
            }
            bleed(last, at, state.task.epoch(), threadLocal, value, readSite);
        } catch (Throwable failure) {
            InternalErrors.record("detector: get", failure); // never into the application
        }
    }

    /**
     * A read of a container the code made for itself ({@link Classifier#OWN_CONTAINER}), after the task that made it.
     * The first read of one made by its initial value names its own method. A read by its own method is noted (the
     * task's end makes it the code's own state only after such a read: a task that did not touch it says nothing);
     * a read of it empty by another method is nothing. A read by another method while it holds entries gets an
     * earlier task's data: the container is a leak after all (TASK_LEAK, attributed to the access that made it,
     * classified as the JDK container it is), this read a BLEED, and from then on it is judged as any leaked
     * container (re-checked at each task end, removed by clearAfterTask, its later fills attributed).
     *
     * @param mark the bleed's mark: the task's epoch in a task, {@link #gapMark} between tasks (an event loop's I/O
     *     handling), where an own read is not noted (the probation ends by a task's reads)
     */
    private static void readOwnContainer(ThreadState state, ThreadState.Snapshot last, int at,
                                         ThreadLocal<?> threadLocal, Object value, int readSite, long mark) {
        long epoch = state.task.epoch();
        if (last.leakEpoch[at] >= epoch) {
            return; // read by the task it was made in (filled between tasks, then given to this one)
        }
        if (last.setSite[at] < 0) {
            last.setSite[at] = readSite;
        }
        if (Classifier.sameMethod(SiteRegistry.text(last.setSite[at]), SiteRegistry.text(readSite))) {
            if (mark > 0) {
                last.bleedEpoch[at] = epoch; // an own container has no bleed: the field holds its last own read
            }
            return;
        }
        if (!Classifier.holdsEntries(value)) {
            return;
        }
        TlInfo info = last.info[at];
        last.state[at] = ThreadState.LEAKED;
        last.rule[at] = Classifier.CONTAINER;
        last.leakEpoch[at] = epoch - 1; // left by an earlier task: this one's reads of it are bleeds
        last.bleedEpoch[at] = 0;
        Findings.record(FindingKind.TASK_LEAK, info, threadLocal, last.setSite[at], -1, value, last.stack[at], null,
                Classifier.CONTAINER);
        if (info != null) {
            info.armUntilNamed(threadLocal, last.setSite[at], last.stack[at], true); // its next fill is attributed
        }
        recount(state);
        bleed(last, at, mark, threadLocal, value, readSite);
    }

    /**
     * A get outside any task on a thread that runs tasks: the worker loop's own work between two of them, which on an
     * event loop is the I/O it handles (Netty's epoll transport runs a handler's {@code channelRead} there, outside the
     * loop's queued Runnables). A value judged a leak at a task end is read by later work than the one that left it
     * when it is older than the task that ended last: the thread's trail shows its store made before that task began
     * (between tasks, by one I/O event's handler, or in an earlier task), or, with no record of its store, an earlier
     * task end judged it already; a JDK container (filled in place, it has no store to tell) when an earlier task end
     * judged it and it holds entries now. A value the task that just ended stored itself, read right after it by the
     * loop (a loop that cleans up what its task left), is that task's, and not a bleed.
     */
    private static void betweenTasks(ThreadState state, ThreadState.Snapshot last, ThreadLocal<?> threadLocal,
                                     Object value, int readSite) {
        if (!state.task.everStarted()) {
            return;
        }
        int at = last.find(ThreadLocalMapReader.hashOf(threadLocal));
        if (at < 0 || last.valueHash[at] != System.identityHashCode(value)) {
            return;
        }
        if (last.rule[at] == Classifier.OWN_CONTAINER) {
            readOwnContainer(state, last, at, threadLocal, value, readSite, gapMark(state));
            return;
        }
        if (last.bleedEpoch[at] == gapMark(state)) {
            return;
        }
        if (last.rule[at] == Classifier.INHERITED) {
            if (stillInherited(value)) {
                bleed(last, at, gapMark(state), threadLocal, value, readSite); // an event loop's I/O work reads it
            }
            return;
        }
        boolean storedBetween = last.state[at] == ThreadState.PROBATION && last.rule[at] == Classifier.BETWEEN_TASKS;
        if (last.state[at] != ThreadState.LEAKED && !storedBetween) {
            return;
        }
        TlInfo info = last.info[at];
        long epoch = state.task.epoch();
        boolean older;
        if (last.rule[at] == Classifier.CONTAINER) {
            // filled in place, no store to date it: a leak judged at an earlier task end, re-checked (still holding
            // entries) at the last one, and holding entries now
            older = last.leakEpoch[at] < epoch && Classifier.holdsEntries(value);
        } else {
            int slot = info == null ? -1 : state.trail.findValue(info, last.valueHash[at]);
            older = slot >= 0 ? state.trail.storedBefore(slot, epoch) : last.leakEpoch[at] < epoch;
        }
        if (!older) {
            return; // stored (filled) by the task that just ended, or not known to be older: that task's own
        }
        if (storedBetween) {
            leakedAfterAll(last, at, threadLocal, value); // stored between tasks, read after a later one: a leftover
        }
        bleed(last, at, gapMark(state), threadLocal, value, readSite);
    }

    /** Whether an inherited value still holds its creator's data: an inherited map emptied since holds none. */
    private static boolean stillInherited(Object value) {
        return !Classifier.isJdkContainer(value) || Classifier.holdsEntries(value);
    }

    /**
     * A value on probation read by later work than its own: it is a TASK_LEAK after all, recorded at its first such
     * read; for one stored between tasks, its ThreadLocal's stores are watched from now on, so that the trail dates
     * the next ones (which work stored the value a read gets).
     */
    private static void leakedAfterAll(ThreadState.Snapshot last, int at, ThreadLocal<?> threadLocal, Object value) {
        if (last.bleedEpoch[at] != 0) {
            return;
        }
        TlInfo info = last.info[at];
        Findings.record(FindingKind.TASK_LEAK, info, threadLocal, last.setSite[at], -1, value, last.stack[at], null,
                last.rule[at]);
        if (last.rule[at] == Classifier.BETWEEN_TASKS && info != null && !info.shared) {
            SiteHookTables.watchStores(info);
        }
    }

    /**
     * Records a BLEED of the snapshot's entry {@code at} read at {@code readSite}, marked with {@code mark} (the task's
     * epoch, or {@link #gapMark} between tasks) so that the same stretch of work counts it once; the read's stack is
     * taken only for the first BLEED of its ThreadLocal and set site.
     */
    private static void bleed(ThreadState.Snapshot last, int at, long mark, ThreadLocal<?> threadLocal, Object value,
                              int readSite) {
        last.bleedEpoch[at] = mark;
        TlInfo info = last.info[at];
        Stacks.Captured stack = Findings.exists(FindingKind.BLEED, info, threadLocal, last.setSite[at]) ? null
                : Stacks.here();
        Findings.record(FindingKind.BLEED, info, threadLocal, last.setSite[at], readSite, value, last.stack[at],
                stack, last.rule[at]);
    }

    /**
     * The bleed mark of the work between the current epoch's task and the next one: counted once, like a task, and
     * apart from both (a task's mark is its epoch, at least 1; this one is negative).
     */
    private static long gapMark(ThreadState state) {
        return -state.task.epoch() - 1;
    }

    /**
     * Whether this thread's trail holds a store of this value into {@code info}'s ThreadLocal made in the current
     * task: the stores of a ThreadLocal with a leak are watched ({@code leak} in the scan), so a task that stores the
     * value its predecessor left, the same object, is seen to have stored its own.
     */
    private static boolean storedInThisTask(ThreadState state, TlInfo info, int valueHash) {
        if (info == null) {
            return false;
        }
        return state.trail.inTask(state.trail.findValue(info, valueHash), state.task.epoch());
    }

    /**
     * Whether a read of a per-thread value is its own code's: for the lazy idiom, the method that made it; for a
     * value first stored by code that also read it (a guard), the class that stored it.
     */
    private static boolean ownRead(byte rule, String setSite, String readSite) {
        return rule == Classifier.LAZY ? Classifier.sameMethod(setSite, readSite)
                : Classifier.sameClass(setSite, readSite);
    }

    /**
     * A get returned a watched JDK container: while its ThreadLocal is armed (a leak of it had no stack), a get
     * that returns it empty is where this task began to fill it, the access a later leak is attributed to
     * (the container is mutated in place: no store happens).
     */
    private static void watchContainer(ThreadState state, ThreadState.Snapshot last, int at, Object value,
                                       int readSite) {
        TlInfo info = last.info[at];
        if (info != null && info.containerArmed && !Classifier.holdsEntries(value)) {
            state.trail.store(info, readSite, last.valueHash[at], Stacks.here(), state.task.epoch());
        }
    }

    /**
     * A thread whose maps had at most this many entries at its last scan is scanned at every task end. Above it, at
     * every n-th task end only (n a power of two, about entries / {@link #THINNED_BUDGET}), so that ThreadLocals made
     * per instance or per task and left on a thread cost the pool bounded time. Entries, not values: the entry of a
     * collected ThreadLocal (a stale one) stays in the map until the map expunges it, and reading it costs the scan as
     * much as a live one (each is an object of its own: a cache miss). What a skipped end left is judged at the next
     * scanned one (still there), without a bleed check in between.
     *
     * <p>Why 512: a framework's worker holds a few tens of ThreadLocals at most (the Spring Boot application of the
     * real-stack tests: 11 on its Tomcat workers under load), so this costs them nothing; a thread holding more is
     * one where ThreadLocals are made per object or per task. At 4,096 (until 2026-12-04) such a thread read up to
     * 4,096 entries at every task end, 100-160 us: a pool whose tasks each made one ThreadLocal and left it set ran
     * 25-45x slower under the agent (docs/benchmarks.md). Not lower: a thread that holds a few hundred live,
     * tracked ThreadLocals each left by its own task has each counted at the end of its task (below the threshold
     * every end is read); above it, the values of the tasks after the last read end are judged only at a later one.
     */
    static final int SCAN_BUDGET = 512;
    /**
     * Entries a task end of a thread above {@link #SCAN_BUDGET} visits on average at most (16 to 32). Far lower than
     * the threshold: such a map is mostly entries made per object or per task, each read again at every scan until a
     * GC clears its ThreadLocal and the map expunges it; a pool's short tasks must not pay for reading them at every
     * end.
     */
    static final int THINNED_BUDGET = 32;

    private static boolean thinned(ThreadState state) {
        int held = state.walkedAtLastScan;
        if (held <= SCAN_BUDGET) {
            return false;
        }
        int every = Integer.highestOneBit(held / THINNED_BUDGET) << 1;
        return (++state.endsSinceScan & (every - 1)) != 0;
    }

    /**
     * Whether the thread's maps changed since its last scan, seen as a task starts: what the thread stored between its
     * tasks is its own work, not the starting task's, so the start looks at it ({@link #scanBetweenTasks}) rather than
     * leave it for this task's end to judge. The usual pool worker stores nothing between tasks, and a small map
     * answers in a few reads ({@link MapShape}); a thread whose maps are too large for a shape is not looked at (its
     * task ends judge what changed since the last one, as before). Found on Jetty 12.1: its shutdown thread stops one
     * context after another, entering each context's scope (a ThreadLocal set) and then running work in it through
     * the context's {@code run(Runnable)}, an Executor's own call, so a task; every scope but the first was judged a
     * TASK_LEAK of that task (and mode=enforce's clearAfterTask would have removed it inside the scope).
     */
    private static boolean storedBetweenTasks(ThreadState state) {
        return state.shape != null && state.shape.valid()
                && !ThreadLocalMapReader.unchanged(Thread.currentThread(), state.shape, state.last);
    }

    /**
     * The start of a task after the thread stored values outside its tasks: those values are judged by the rules a task
     * end applies (a guard, the lazy idiom, a JDK container, a cache), except that what would be a plain leak goes on
     * probation as {@link Classifier#BETWEEN_TASKS}, no finding; what was there already keeps its verdict.
     */
    private static void scanBetweenTasks(ThreadState state) {
        TaskEndScan scan = TaskEndScan.of(state, false);
        scan.betweenTasks = true;
        try {
            scan(state, scan);
        } finally {
            scan.busy = false;
        }
    }

    /**
     * Rebuilds the thread's snapshot from its maps; judges the new values when {@code report}, else takes them as they
     * are (a baseline; at the thread's first one, what its inheritable map holds was copied from its creator:
     * {@link Classifier#INHERITED}).
     */
    private static void scan(ThreadState state, boolean report) {
        if (report && thinned(state)) {
            return;
        }
        if (state.shape != null && unchangedAndSettled(state)) {
            // the same values as at the last scan and none of them still to be judged: a full walk would match the
            // snapshot entry for entry and change nothing (MapShape says why the test is exact)
            state.trail.clearNullGets();
            return;
        }
        TaskEndScan scan = TaskEndScan.of(state, report);
        try {
            scan(state, scan);
        } finally {
            scan.busy = false;
        }
    }

    private static void scan(ThreadState state, TaskEndScan scan) {
        state.next.clear();
        if (state.shape == null) {
            state.shape = new MapShape();
        }
        // below the budget judgeNew keeps every value in the snapshot, untracked ones too; above it (a flood) it keeps
        // only tracked ones, and a shape would then stand for values the snapshot does not hold
        boolean keepsAll = state.heldAtLastScan <= SCAN_BUDGET;
        state.heldAtLastScan = ThreadLocalMapReader.forEach(Thread.currentThread(), scan, state.shape);
        if (!keepsAll) {
            state.shape.forget();
        }
        state.walkedAtLastScan = scan.walked;
        state.trail.clearNullGets();
        if (!scan.diverged && scan.position == state.last.size) {
            if (scan.revised) {
                recount(state);
            }
            return; // the usual case: the same values as at the last task end, nothing to rebuild
        }
        scan.diverge();
        ThreadState.Snapshot done = state.last;
        state.last = state.next;
        state.next = done;
        done.clearAndFit(state.last.size);
        state.last.index();
        recount(state);
    }

    /**
     * Whether the thread's maps hold what they held at its last scan and no verdict there can change at this task end:
     * ignored, a cache, the code's own state, or a JDK container that is still empty (looked at in passing, as the
     * walk would). A leak is passed on to clearAfterTask at every end, an initial value or a value on probation is
     * judged by the next end: those need the walk.
     */
    private static boolean unchangedAndSettled(ThreadState state) {
        ThreadState.Snapshot last = state.last;
        for (int i = 0; i < last.size; i++) {
            byte verdict = last.state[i];
            if (verdict != ThreadState.IGNORED && verdict != ThreadState.CACHED && verdict != ThreadState.SELF
                    && !(verdict == ThreadState.EMPTY && last.rule[i] == Classifier.CONTAINER)) {
                return false;
            }
        }
        // the snapshot has one entry per visited one (keepsAll in scan): it tells whether each is the same
        return ThreadLocalMapReader.unchanged(Thread.currentThread(), state.shape, last);
    }

    private static void recount(ThreadState state) {
        int leaks = state.last.leaks();
        Census.adjustSuspects(leaks - state.leaks);
        state.leaks = leaks;
        int containers = 0;
        ThreadState.Snapshot last = state.last;
        for (int i = 0; i < last.size; i++) {
            if (last.rule[i] == Classifier.CONTAINER || last.rule[i] == Classifier.OWN_CONTAINER) {
                containers++;
            }
        }
        state.containers = containers;
    }
}
