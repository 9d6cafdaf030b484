package io.localdrop.agent.findings;

/**
 * One pass over a thread's maps at a task end (or at a task's start after stores between tasks): each entry judged
 * against the thread's last snapshot by the rules of {@link Classifier}, the next snapshot built where the maps
 * differ, and what was judged a leak or a pin recorded ({@link Detectors} runs it; docs/diagnose.md, "How findings are
 * classified").
 */
final class TaskEndScan implements ThreadLocalMapReader.EntryVisitor {
    private final ThreadState state;
    private boolean report;
    /** In use by a scan of its thread: a scan within it (none is known to happen) gets a scan of its own. */
    boolean busy;
    /**
     * A task's start after stores outside tasks ({@code Detectors.scanBetweenTasks}): new values are judged by the rules of
     * {@link #judgeNew}, a default leak going on probation instead ({@link Classifier#BETWEEN_TASKS}).
     */
    boolean betweenTasks;
    /** Entries so far equal, in order, to the last snapshot's first {@code position} entries. */
    int position;
    /** Set at the first entry that differs: from then on the next snapshot is built. */
    boolean diverged;
    /** After the divergence: where in the last snapshot the next entry is likely to be. */
    private int cursor;
    /** A verdict of the last snapshot changed in place: its leak count is recounted. */
    boolean revised;
    // the attribution of the value being judged (a store, or for a container the access that began filling it)
    private int attributedSite;
    private Stacks.Captured attributedStack;

    /** Map entries read, live or stale: what the scan cost ({@code Detectors.thinned}). */
    int walked;

    private TaskEndScan(ThreadState state) {
        this.state = state;
    }

    /**
     * The thread's scan, ready for one more pass: kept in its state and reset rather than made anew at every
     * task end, where its allocation was a measurable part of what the agent costs a short task.
     */
    static TaskEndScan of(ThreadState state, boolean report) {
        TaskEndScan scan = state.endScan;
        if (scan == null || scan.busy) {
            scan = new TaskEndScan(state);
            if (state.endScan == null) {
                state.endScan = scan;
            }
        }
        scan.busy = true;
        scan.report = report;
        scan.betweenTasks = false;
        scan.position = 0;
        scan.diverged = false;
        scan.cursor = 0;
        scan.revised = false;
        scan.attributedSite = 0;
        scan.attributedStack = null;
        scan.walked = 0;
        return scan;
    }

    /**
     * The last snapshot's entry for the ThreadLocal with {@code hash}, or -1. The map's table keeps its order while
     * it is not resized, so the entry is nearly always at or just after the previous match: a look at the next few
     * entries first (sequential, cheap in cache), the snapshot's index only for what moved or is new.
     */
    private int locate(int hash) {
        ThreadState.Snapshot last = state.last;
        int end = Math.min(last.size, cursor + 4);
        for (int j = cursor; j < end; j++) {
            if (last.tlHash[j] == hash) {
                cursor = j + 1;
                return j;
            }
        }
        int at = last.find(hash);
        if (at >= 0) {
            cursor = at + 1;
        }
        return at;
    }

    /** Starts building the next snapshot: the entries matched so far are copied from the last one. */
    void diverge() {
        if (diverged) {
            return;
        }
        diverged = true;
        cursor = position;
        for (int i = 0; i < position; i++) {
            copy(i);
        }
    }

    private void copy(int at) {
        ThreadState.Snapshot last = state.last;
        state.next.add(last.tlHash[at], last.valueHash[at], last.state[at], last.setSite[at], last.leakEpoch[at],
                last.bleedEpoch[at], last.info[at], last.rule[at], last.stack[at]);
    }

    @Override
    public void entry(ThreadLocal<?> threadLocal, Object value) {
        int hash = ThreadLocalMapReader.hashOf(threadLocal);
        // the value's identity hash is taken only once its ThreadLocal matched, or it is to be kept: generating one
        // is a call into the VM, and under a flood most values are of untracked ThreadLocals, never kept
        ThreadState.Snapshot last = state.last;
        if (!diverged) {
            int at = position;
            if (at < last.size && last.tlHash[at] == hash && last.valueHash[at] == System.identityHashCode(value)) {
                // the same entry as at the last task end (the map's order is stable while it is unchanged)
                revisit(at, threadLocal, value);
                position++;
                return;
            }
            diverge();
        }
        int at = locate(hash);
        if (at >= 0 && last.valueHash[at] == System.identityHashCode(value)) {
            // known already (skipped ones too, as IGNORED): judged before, only what the task did to it counts
            if (last.state[at] != ThreadState.IGNORED) {
                revisit(at, threadLocal, value);
            }
            copy(at);
            return;
        }
        if (OwnThreadLocals.skipped(threadLocal) || !report && !betweenTasks) {
            // a baseline; the thread's first one finds in its inheritable map what it was given by its creator
            if (!report && !betweenTasks && state.task.epoch() == 1 && threadLocal instanceof InheritableThreadLocal
                    && inherited(threadLocal, value, hash)) {
                return;
            }
            // kept (as ignored) so that an unchanged map matches the snapshot entry for entry
            state.next.add(hash, System.identityHashCode(value), ThreadState.IGNORED, -1, 0, 0, null);
            return;
        }
        judgeNew(threadLocal, value, hash, at >= 0);
    }

    /**
     * A value the thread's inheritable map held at its first task's start: copied from its creator
     * ({@link Classifier#INHERITED}), on probation so that every task's read of it is judged (onGet), attributed to
     * the latest store into its ThreadLocal (the creator's, as a rule), with that store's stack when it took one.
     * Not for the agent's own, untracked ones, or those with an initial value (which the thread may have made itself
     * by a get), nor a value held through a Reference (a cache's), nor a JDK container that holds nothing (an
     * inherited copy of an empty context map: a read of it, once filled, is of the task's own entries). Its stores
     * are watched from now on, so that a task that stores the very same value again is seen to store its own.
     */
    private boolean inherited(ThreadLocal<?> threadLocal, Object value, int hash) {
        TlInfo info = OwnThreadLocals.skipped(threadLocal) ? null : TlRegistry.find(threadLocal);
        if (info == null || info.hasInitial() || value instanceof java.lang.ref.Reference
                || Classifier.isJdkContainer(value) && !Classifier.holdsEntries(value)) {
            return false;
        }
        if (!info.shared) {
            SiteHookTables.watchStores(info);
        }
        int setSite = info.lastSetSite;
        Stacks.Captured stack = info.lastStoreStack;
        if (stack != null && (stack.frames.isEmpty() || !stack.frames.get(0).equals(SiteRegistry.text(setSite)))) {
            stack = null; // a stack of another line's store: the finding names the line alone
        }
        state.next.add(hash, System.identityHashCode(value), ThreadState.PROBATION, setSite, 0, 0, info,
                Classifier.INHERITED, stack);
        return true;
    }

    @Override
    public void walked(int entries) {
        walked += entries;
    }

    /** A value that was there at the last task end too: what the task did to it is judged in place. */
    private void revisit(int at, ThreadLocal<?> threadLocal, Object value) {
        if (!report) {
            return;
        }
        ThreadState.Snapshot last = state.last;
        byte verdict = last.state[at];
        if (verdict == ThreadState.IGNORED || verdict == ThreadState.CACHED || verdict == ThreadState.SELF) {
            return; // settled: nothing below changes them (a container is only EMPTY or LEAKED)
        }
        TlInfo info = last.info[at];
        if (last.rule[at] == Classifier.CONTAINER) {
            boolean full = Classifier.holdsEntries(value);
            if (verdict == ThreadState.EMPTY && full) {
                // filled in place during this task and left so (with what it holds, maybe a foreign loader's)
                checkLoaders(info, threadLocal, value);
                attributeContainer(trailSlot(info, last.valueHash[at]), last.setSite[at]);
                last.state[at] = ThreadState.LEAKED;
                last.setSite[at] = attributedSite;
                last.stack[at] = attributedStack;
                last.leakEpoch[at] = state.task.epoch();
                revised = true;
                leak(info, threadLocal, value, Classifier.CONTAINER, true);
            } else if (verdict == ThreadState.LEAKED && !full) {
                last.state[at] = ThreadState.EMPTY; // emptied by a later task: no longer a leak
                revised = true;
            } else if (verdict == ThreadState.LEAKED) {
                state.task.judgedLeak(threadLocal, value); // still holding entries: clearAfterTask removes it
            }
            return;
        }
        if (verdict == ThreadState.LEAKED) {
            state.task.judgedLeak(threadLocal, value); // still there: clearAfterTask removes it
            return;
        }
        if (verdict == ThreadState.INITIAL) {
            // an initial value (or a value held through a Reference) still there at a later task end: reused
            Findings.record(FindingKind.CACHE, info, threadLocal, last.setSite[at], -1, value, last.stack[at],
                    null, last.rule[at]);
            last.state[at] = ThreadState.CACHED;
        } else if (verdict == ThreadState.PROBATION && last.rule[at] == Classifier.INHERITED) {
            // its creator's context, judged by its reads (onGet); clearAfterTask's promise of a clean next task holds
            // for it too: removed at the end of the first task it outlives
            state.task.judgedLeak(threadLocal, value);
        } else if (verdict == ThreadState.PROBATION && last.rule[at] == Classifier.BETWEEN_TASKS) {
            return; // the thread's own work before the task, still there: judged by who reads it (onGet)
        } else if (verdict == ThreadState.PROBATION && last.rule[at] == Classifier.OWN_CONTAINER
                && last.bleedEpoch[at] != state.task.epoch()) {
            return; // not read by its own method in this task: still on probation
        } else if (verdict == ThreadState.PROBATION) {
            // the next task left the value it started from: the code's own per-thread state, not a leak
            if (last.rule[at] == Classifier.OWN_CONTAINER) {
                checkLoaders(info, threadLocal, value); // what the probation's task put there is kept from now on
            }
            if (last.rule[at] == Classifier.LAZY || last.rule[at] == Classifier.OWN_CONTAINER) {
                Findings.record(FindingKind.CACHE, info, threadLocal, last.setSite[at], -1, value, last.stack[at],
                        null, last.rule[at]);
            }
            last.state[at] = ThreadState.SELF;
            revised = true;
        }
    }

    /**
     * A value new in this task (replacing another when {@code replaced}), judged by the rules of
     * {@link Classifier}: a JDK container by whether it holds entries, a value held through a Reference as
     * a cache, a value made by the lazy idiom or first stored by code that also read it on probation, any
     * other stored value as a leak; a value no rewritten code stored as a cache when an initial value made it.
     */
    private void judgeNew(ThreadLocal<?> threadLocal, Object value, int hash, boolean replaced) {
        TlInfo info = TlRegistry.find(threadLocal);
        checkLoaders(info, threadLocal, value);
        if (info == null) {
            if (state.heldAtLastScan <= Detectors.SCAN_BUDGET) {
                // kept so that an unchanged map matches the snapshot; a flood of untracked ThreadLocals (the
                // registry full, or their line at its bound) is looked up again at the next scan instead of held
                state.next.add(hash, System.identityHashCode(value), ThreadState.IGNORED, -1, 0, 0, null);
            }
            return;
        }
        int valueHash = System.identityHashCode(value);
        // this thread's trail record of the value, looked up once for every rule below
        int slot = state.trail.findValue(info, valueHash);
        attribute(info, slot);
        int setSite = attributedSite;
        byte verdict;
        byte rule = Classifier.NONE;
        if (Classifier.isJdkContainer(value)) {
            rule = Classifier.CONTAINER;
            if (!Classifier.holdsEntries(value)) {
                verdict = ThreadState.EMPTY;
            } else if (!TaskTracker.LeftBehind.wanted
                    && (setSite < 0 ? info.hasInitial() : madeLazily(slot, hash, setSite))) {
                // the code's own container, filled in place: judged by who reads it (onGet); for one made by its
                // initial value, its own method is that of its first read (setSite, -1 until then). Not with
                // clearAfterTask, whose promise is a clean next task: a probation would leave it to that task
                rule = Classifier.OWN_CONTAINER;
                verdict = ThreadState.PROBATION;
                if (attributedStack == null && setSite >= 0) {
                    // should a later read show it a leak, the finding names the call: later stores take a stack
                    info.arm(false);
                }
            } else {
                attributeContainer(slot, setSite);
                setSite = attributedSite;
                verdict = ThreadState.LEAKED;
            }
        } else if (value instanceof java.lang.ref.Reference) {
            rule = Classifier.REFERENCE;
            verdict = ThreadState.INITIAL;
        } else if (setSite < 0 && (info.lastSetSite < 0 || info.hasInitial())) {
            // no store of it on this thread (the stores of a ThreadLocal with an initial value are all watched)
            verdict = info.hasInitial() ? ThreadState.INITIAL : ThreadState.IGNORED;
        } else if (restored(slot, valueHash)) {
            rule = Classifier.RESTORED; // the task put back what it started from (a re-entrancy guard)
            verdict = ThreadState.SELF;
        } else {
            int nullGet = nullGetBefore(slot, hash);
            if (madeLazily(slot, hash, setSite)) {
                rule = Classifier.LAZY; // get() == null -> set(new ...) in one method
            } else if (nullGet >= 0
                    && Classifier.sameClass(SiteRegistry.text(nullGet), SiteRegistry.text(setSite))) {
                rule = Classifier.READ_FIRST; // stored by the code that read it first: judged by the next task
            }
            if (rule == Classifier.NONE) {
                verdict = ThreadState.LEAKED;
            } else {
                // on probation the first time this thread holds it; a re-made one later is the code's own
                verdict = replaced && rule == Classifier.LAZY ? ThreadState.SELF
                        : replaced ? ThreadState.LEAKED : ThreadState.PROBATION;
                if (verdict == ThreadState.LEAKED) {
                    rule = Classifier.NONE; // a task left another value than it started from
                }
            }
        }
        if (verdict == ThreadState.LEAKED && rule == Classifier.NONE && betweenTasks) {
            // stored by the thread between its tasks ({@code Detectors.scanBetweenTasks}): its own work, on probation until
            // later work reads it; what the other rules decide (a guard, the lazy idiom, a container) stands
            verdict = ThreadState.PROBATION;
            rule = Classifier.BETWEEN_TASKS;
        }
        if (verdict == ThreadState.LEAKED) {
            leak(info, threadLocal, value, rule, rule == Classifier.CONTAINER);
        }
        boolean kept = verdict != ThreadState.IGNORED;
        state.next.add(hash, valueHash, verdict, kept ? setSite : -1, state.task.epoch(), 0, info, rule,
                kept ? attributedStack : null);
    }

    /**
     * Whether the value stored at {@code setSite} was made by the lazy idiom: a get of its ThreadLocal that returned
     * null ({@link #nullGetBefore}), then the store, in one method.
     */
    private boolean madeLazily(int slot, int hash, int setSite) {
        int nullGet = nullGetBefore(slot, hash);
        return nullGet >= 0 && Classifier.sameMethod(SiteRegistry.text(nullGet), SiteRegistry.text(setSite));
    }

    /** The null get before this thread's store of the value (its trail record), else the latest one, or -1. */
    private int nullGetBefore(int slot, int hash) {
        if (state.trail.inTask(slot, state.task.epoch()) && state.trail.nullGetBeforeStore(slot) >= 0) {
            return state.trail.nullGetBeforeStore(slot);
        }
        return state.trail.nullGetSite(hash);
    }

    /** Whether this task's first store replaced the very value the task left (identity), per the trail. */
    private boolean restored(int slot, int valueHash) {
        return state.trail.inTask(slot, state.task.epoch()) && state.trail.start(slot) == valueHash;
    }

    /**
     * Records a TASK_LEAK attributed to {@link #attributedSite} (and tells clearAfterTask); arms stack capture
     * while it has no stack.
     */
    private void leak(TlInfo info, ThreadLocal<?> threadLocal, Object value, byte rule, boolean container) {
        Findings.record(FindingKind.TASK_LEAK, info, threadLocal, attributedSite, -1, value, attributedStack,
                null, rule);
        state.task.judgedLeak(threadLocal, value);
        if (info == null) {
            return;
        }
        info.armUntilNamed(threadLocal, attributedSite, attributedStack, container);
        if (!info.shared) {
            // its later stores are recorded in their thread's trail, with or without a stack: a task that stores
            // the same object again before reading it read its own value, not a BLEED
            SiteHookTables.watchStores(info);
        }
    }

    /** This thread's trail record of {@code valueHash} stored into {@code info}'s ThreadLocal, or -1. */
    private int trailSlot(TlInfo info, int valueHash) {
        return info == null ? -1 : state.trail.findValue(info, valueHash);
    }

    /**
     * The store this thread made of the value: its trail's record when it has one (a watched store, a first
     * store), else the ThreadLocal's only storing site (without a stack: which call made it is not known);
     * for a ThreadLocal stored from several sites without a record, unknown (-1) rather than another site.
     */
    private void attribute(TlInfo info, int slot) {
        if (slot >= 0) {
            attributedSite = state.trail.site(slot);
            attributedStack = state.trail.stack(slot);
        } else {
            attributedSite = info.storeWithoutRecord(state.trail.droppedAt());
            attributedStack = null;
        }
    }

    /**
     * A JDK container that holds entries at this task's end is attributed to the access that began filling it
     * in this task (a get that returned it empty, watched while armed) or its store when that was in this task;
     * otherwise to the store that put it on the thread ({@code storedAt}), without a stack, since the code that
     * filled it is not known.
     */
    private void attributeContainer(int slot, int storedAt) {
        if (state.trail.inTask(slot, state.task.epoch())) {
            attributedSite = state.trail.site(slot);
            attributedStack = state.trail.stack(slot);
        } else {
            attributedSite = storedAt;
            attributedStack = null;
        }
    }

    /**
     * CLASSLOADER_PIN follows reachability: the thread's map holds the value strongly and the ThreadLocal
     * (its key) weakly, so a value of a class from a foreign loader pins that loader, and a ThreadLocal
     * subclass from one does not (its loader can go once the ThreadLocal is unreachable). A JDK container holds
     * its entries strongly too: one of them from a foreign loader pins it as well (the finding names that entry's
     * class and loader, {@code classifiedBy} jdk-container).
     */
    private void checkLoaders(TlInfo info, ThreadLocal<?> threadLocal, Object value) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Object pinning = value;
        byte rule = Classifier.NONE;
        if (LoaderNames.isContextOrAncestor(value.getClass().getClassLoader(), context)) {
            pinning = Classifier.isJdkContainer(value) ? Classifier.foreignEntry(value, context) : null;
            rule = Classifier.CONTAINER;
        }
        if (pinning != null) {
            int site = -1;
            if (info != null) {
                attribute(info, trailSlot(info, System.identityHashCode(value)));
                site = attributedSite;
            }
            Findings.record(FindingKind.CLASSLOADER_PIN, info, threadLocal, site, -1, pinning,
                    info == null ? null : attributedStack, null, rule);
        }
    }
}
