package io.localdrop.agent.findings;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * What the agent knows about one ThreadLocal: where it was created, the static field it went into, its
 * type, whether it has an initial value, and the last site that stored a value into it.
 *
 * <p>It refers to its ThreadLocal weakly (it is the entry of {@link TlRegistry}'s weak identity map), so
 * tracking a ThreadLocal never keeps it, or the class loader of an anonymous subclass, alive.
 */
public final class TlInfo extends WeakReference<ThreadLocal<?>> {
    /**
     * The ThreadLocal's own {@code threadLocalHashCode}: unique per ThreadLocal, read cheaply on the set path, and its
     * bucket in {@link TlRegistry} (equality is identity). No {@code System.identityHashCode}: generating one costs
     * a call into the VM per ThreadLocal, a million of them under a flood.
     */
    public final int hash;
    /** The class name of the ThreadLocal (taken once; {@code getClass().getName()} runs no application code). */
    public final String typeName;
    /** Site id of its construction, or -1 when it was created where the agent does not rewrite. */
    volatile int createdSite = -1;
    /** True when values may come from {@code initialValue}/{@code withInitial}. */
    volatile boolean hasInitial;
    /**
     * The last site seen storing a non-null value: written by the set hook only when it changes, so a
     * ThreadLocal with one storing line is written once.
     */
    public int lastSetSite = -1; // plain: racy updates only blur attribution between two storing lines
    /**
     * Every store goes through SiteHooks' slower path, which updates {@link #lastSetSite} and records the store in
     * the storing thread's trail: more than one site stores into it, or a leak of it was found (so that each
     * thread's own store is known, not the last one of any thread).
     */
    public volatile boolean shared;
    /**
     * More than one site stored into it: then {@link #lastSetSite} is not the store of a given value, and a value
     * without a trail record was stored from the line it had first, if from any known one ({@link #storeWithoutRecord}).
     * Apart from {@link #shared}, which a leak sets too: a ThreadLocal
     * watched for its leak, with one storing line, still has that line as its values' store.
     */
    public volatile boolean manySetters;
    /**
     * Counts the ThreadLocals that got a second storing line ({@link #becameMany}); a thread's trail notes its value
     * when it drops the record of another line's store ({@code ThreadTrail}), so the two can be ordered.
     */
    static volatile long manyCount;
    /**
     * The first line that stored into it (-1: none yet), written once, under SiteHooks' lock: while it is the only
     * one, the line on the set fast path; once a second line stores ({@link #manySetters}), the line every value
     * stored before that came from.
     */
    public volatile int firstSetSite = -1;
    /** {@link #manyCount} once this ThreadLocal got its second storing line (0: never). */
    volatile long manySince;

    /**
     * A second site stores into it (called once, under the hooks' lock): from now on every store of it is watched and
     * recorded in its thread's trail, and {@link #firstSetSite} is the line that stored every value it got before.
     */
    public void becameMany() {
        if (!manySetters) {
            manySince = ++manyCount;
        }
        manySetters = true;
    }

    /**
     * The site a value of it was stored at when its thread's trail has no record of that store: the one definition, which
     * the task-end attribution and the exit scan share. With one storing line, that line. Stored from several lines,
     * the one it had before the second appeared, when the trail has dropped no record of another line's store since
     * ({@code trailDroppedAt}, {@code ThreadTrail.droppedAt()}; -1 for a thread without a trail): every store of
     * another line is recorded, so the value was stored from that line (before the second appeared, on the one-line
     * fast path, or after it with its record since dropped). Unknown (-1) otherwise, and when its values may come from
     * an initial value (whose stores are all watched, so a value without a record was not stored). A store watched only
     * since a leak was made before the watch.
     */
    int storeWithoutRecord(long trailDroppedAt) {
        if (hasInitial) {
            return -1;
        }
        if (!manySetters) {
            return lastSetSite;
        }
        return manySince == 0 || trailDroppedAt >= manySince ? -1 : firstSetSite;
    }

    /** Its stores take a stack (slow path): set while a leak of it has no stack yet, cleared once one has. */
    public volatile boolean armed;
    /** A leaked JDK container of it is watched on get: holds one of {@link Census#suspects} while set. */
    boolean containerArmed;
    /** Finding kinds this ThreadLocal is counted in already (bit per ordinal): a finding's {@code instances}. */
    int countedKinds;
    private boolean firstStackTaken;
    /**
     * For an InheritableThreadLocal only, the stack of the latest store into it that took one, on any thread: what the
     * finding of a value a pool's worker inherited from its creator names ({@link Classifier#INHERITED}), whose store
     * was on the creator's thread and is in that thread's trail only. Not kept for the others, which have no such
     * finding: a stack is a few KiB.
     */
    volatile Stacks.Captured lastStoreStack;
    TlInfo next;

    TlInfo(ThreadLocal<?> threadLocal, int hash, ReferenceQueue<ThreadLocal<?>> queue) {
        super(threadLocal, queue);
        this.hash = hash;
        this.typeName = threadLocal.getClass().getName();
    }

    /**
     * Arms its stores for stacks (and, for a container, its gets: one of {@link Census#suspects} while armed) until a
     * finding of it has one: its stores are watched from now on.
     */
    void arm(boolean container) {
        if (!armed) {
            armed = true;
            SiteHookTables.watchStores(this);
        }
        if (container) {
            synchronized (this) {
                if (!containerArmed) {
                    containerArmed = true;
                    Census.adjustSuspects(1);
                }
            }
        }
    }

    /**
     * After a TASK_LEAK of it at {@code site}, attributed with {@code stack} (null: none): armed while no TASK_LEAK
     * of it at that site has a stack; disarmed once one has and this leak gave it, so that its stores stop taking
     * stacks. The one rule of the task-end leak and of a leak found at a read.
     */
    void armUntilNamed(ThreadLocal<?> threadLocal, int site, Stacks.Captured stack, boolean container) {
        if (!Findings.hasSetStack(FindingKind.TASK_LEAK, this, threadLocal, site)) {
            arm(container);
        } else if (stack != null) {
            disarm();
        }
    }

    /** A finding of it has the stack it was armed for: its stores and gets take no more. */
    void disarm() {
        armed = false;
        synchronized (this) {
            if (containerArmed) {
                containerArmed = false;
                Census.adjustSuspects(-1);
            }
        }
    }

    /** True the first time only: a ThreadLocal of its own (not grouped by site) takes one first-store stack. */
    public synchronized boolean takeFirstStack() {
        if (firstStackTaken) {
            return false;
        }
        firstStackTaken = true;
        return true;
    }

    public int createdSite() {
        return createdSite;
    }

    public boolean hasInitial() {
        return hasInitial;
    }
}
