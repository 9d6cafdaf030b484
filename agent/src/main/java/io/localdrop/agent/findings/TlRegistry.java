package io.localdrop.agent.findings;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * A weak identity map from ThreadLocal to {@link TlInfo}, bounded to {@link #MAX_TRACKED} live entries, and to
 * {@link #MAX_PER_SITE} live ones per creation site.
 *
 * <p>Identity only (buckets by the ThreadLocal's own {@code threadLocalHashCode}, a field read; equality by
 * reference): a ThreadLocal subclass's own {@code hashCode}/{@code equals} never run. Entries of collected ThreadLocals are dropped through a
 * reference queue on every insertion. Changes are synchronized; {@link #find} is not: the task-end scans look up
 * every new value's ThreadLocal, and under a flood (ThreadLocals made by the ten thousand on two pool threads) a
 * shared lock there was most of the agent's time. A lookup that overlaps a resize of the table (a seqlock count
 * tells) and finds nothing looks again under the lock.
 *
 * <p>The per-site bound keeps the flood cheap: a line that has {@link #MAX_PER_SITE} tracked ThreadLocals alive
 * makes its further ones untracked (counted) until some are collected. Its leaks are still found, grouped by the
 * line, through the tracked ones, and a construction costs a counter read instead of a registration, a weak
 * reference and its processing by the GC.
 */
public final class TlRegistry {
    /** The most ThreadLocals tracked at once; beyond that, new ones are not tracked (and counted). */
    public static final int MAX_TRACKED = 1 << 16;
    /** The most ThreadLocals tracked at once per creation site; beyond that, its new ones are not tracked. */
    public static final int MAX_PER_SITE = 1024;

    private static final ReferenceQueue<ThreadLocal<?>> QUEUE = new ReferenceQueue<>();
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(TlInfo[].class);
    private static volatile TlInfo[] buckets = new TlInfo[1024];
    /** Odd while the table is being resized (its chains relinked): a lock-free lookup then looks again. */
    private static volatile int resizes;
    private static int size;
    private static final LongAdder UNTRACKED = new LongAdder();
    /** Tracked live ThreadLocals per creation site (site ids below {@link #SITES_COUNTED}). */
    private static final int SITES_COUNTED = 1 << 16;
    private static final int[] LIVE_PER_SITE = new int[SITES_COUNTED];
    /**
     * How often a construction refused at its site's bound looks for collected ThreadLocals (a power of two): the
     * ThreadLocal's own hash decides, whose low bits run through every value once per this many constructions in
     * the JVM ({@code threadLocalHashCode} steps by an odd constant). Not a counter of ours: a static written by
     * every construction shared its cache line with {@link #buckets} and {@link #resizes}, which every lock-free
     * {@link #find} of the other pool thread reads, and cost the flood's two threads that line's trips between them.
     */
    private static final int EXPUNGE_EVERY = 256;
    /** A construction was not tracked for lack of room (see {@link #findOrAddStored}). */
    private static volatile boolean constructionRefused;

    private TlRegistry() {
    }

    /** The info of {@code threadLocal}, or {@code null} if it is not tracked. Lock-free. */
    public static TlInfo find(ThreadLocal<?> threadLocal) {
        int hash = ThreadLocalMapReader.hashOf(threadLocal);
        int before = resizes;
        TlInfo[] table = buckets;
        for (TlInfo info = (TlInfo) SLOT.getAcquire(table, hash & (table.length - 1)); info != null;
                info = info.next) {
            if (info.refersTo(threadLocal)) {
                return info; // identity: right whatever the table was doing
            }
        }
        VarHandle.acquireFence();
        if ((before & 1) == 0 && resizes == before) {
            return null;
        }
        synchronized (TlRegistry.class) {
            return findLocked(threadLocal, hash);
        }
    }

    private static TlInfo findLocked(ThreadLocal<?> threadLocal, int hash) {
        TlInfo[] table = buckets;
        for (TlInfo info = table[hash & (table.length - 1)]; info != null; info = info.next) {
            if (info.refersTo(threadLocal)) {
                return info;
            }
        }
        return null;
    }

    /** The info of {@code threadLocal}, created if needed; {@code null} only when the registry is full. */
    public static synchronized TlInfo findOrAdd(ThreadLocal<?> threadLocal) {
        return findOrAdd(threadLocal, -1);
    }

    private static TlInfo findOrAdd(ThreadLocal<?> threadLocal, int createdSite) {
        int hash = ThreadLocalMapReader.hashOf(threadLocal);
        TlInfo known = findLocked(threadLocal, hash);
        if (known != null) {
            return known;
        }
        expunge();
        if (size >= MAX_TRACKED) {
            return null; // counted by created() only: a store is no new ThreadLocal (see untracked())
        }
        if (size >= buckets.length * 3 / 4) {
            grow();
        }
        TlInfo info = new TlInfo(threadLocal, hash, QUEUE);
        if (createdSite >= 0) {
            info.createdSite = createdSite;
            if (createdSite < SITES_COUNTED) {
                LIVE_PER_SITE[createdSite]++;
            }
        }
        TlInfo[] table = buckets;
        int index = hash & (table.length - 1);
        info.next = table[index];
        SLOT.setRelease(table, index, info); // published whole: a lock-free reader sees its next
        size++;
        return info;
    }

    /**
     * The info of a ThreadLocal seen at a store, created if needed; {@code null} when full, and also once a
     * construction was ever refused (the registry full, or the creation site at its bound): from then on a
     * ThreadLocal first seen at a store may be one made in rewritten code but not tracked, whose creation site is
     * lost, and tracking it would make a finding of its own beside its creation line's (a flood of per-instance
     * ThreadLocals).
     */
    public static TlInfo findOrAddStored(ThreadLocal<?> threadLocal) {
        TlInfo known = find(threadLocal);
        if (known != null) {
            return known;
        }
        if (constructionRefused) {
            return null; // not counted: its construction was, if rewritten code made it (see untracked())
        }
        synchronized (TlRegistry.class) {
            return findOrAdd(threadLocal, -1);
        }
    }

    /** Records a construction site; {@code hasInitial} when values may come from an initial value. */
    public static void created(ThreadLocal<?> threadLocal, int site, boolean hasInitial) {
        boolean counted = site >= 0 && site < SITES_COUNTED;
        if (counted && LIVE_PER_SITE[site] >= MAX_PER_SITE
                && (ThreadLocalMapReader.hashOf(threadLocal) & (EXPUNGE_EVERY - 1)) != 0) {
            refuse(); // the usual case of a flood: a counter read, no lock, no shared write but the LongAdder's cell
            return;
        }
        TlInfo info;
        synchronized (TlRegistry.class) {
            if (counted && LIVE_PER_SITE[site] >= MAX_PER_SITE) {
                expunge(); // collected ones of this site make room again
            }
            if (counted && LIVE_PER_SITE[site] >= MAX_PER_SITE) {
                info = null;
            } else {
                info = findOrAdd(threadLocal, site);
                if (info != null && info.createdSite != site) {
                    // known already (seen at a store first): now counted under its creation site
                    uncount(info.createdSite);
                    info.createdSite = site;
                    if (counted) {
                        LIVE_PER_SITE[site]++;
                    }
                }
            }
        }
        if (info == null) {
            refuse();
            return;
        }
        info.hasInitial = hasInitial;
        if (hasInitial) {
            // its stores are watched: whether a task put back what it started from is known (a guard)
            info.shared = true;
        }
    }

    private static void refuse() {
        UNTRACKED.increment();
        if (!constructionRefused) {
            constructionRefused = true;
        }
    }

    /**
     * Forgets that a construction was ever refused, so that stores track ThreadLocals again: for tests of this package
     * that refuse constructions on purpose and share their JVM with tests that rely on stores being tracked.
     */
    static void forgetRefusalsForTests() {
        constructionRefused = false;
    }

    /** Live tracked ThreadLocals. */
    public static synchronized int size() {
        expunge();
        return size;
    }

    /**
     * ThreadLocals whose construction the rewritten code reported and that were not tracked (the registry full, or
     * their creation site at its bound): each counted once, at its construction. Stores are not counted: a store
     * into an untracked ThreadLocal is no new ThreadLocal, and counting stores made a flood's figure the sum of
     * its constructions and its stores (1.49 million for a million ThreadLocals, half of them set). A ThreadLocal
     * made by code that is not rewritten and first seen at a store while the registry is full is not tracked
     * either; it is not counted, since without following it a second store of it cannot be told from a first.
     */
    public static long untracked() {
        return UNTRACKED.sum();
    }

    private static void expunge() {
        for (Reference<? extends ThreadLocal<?>> gone; (gone = QUEUE.poll()) != null; ) {
            remove((TlInfo) gone);
        }
    }

    private static void remove(TlInfo dead) {
        TlInfo[] table = buckets;
        int index = dead.hash & (table.length - 1);
        TlInfo previous = null;
        for (TlInfo info = table[index]; info != null; previous = info, info = info.next) {
            if (info == dead) {
                if (previous == null) {
                    SLOT.setRelease(table, index, info.next);
                } else {
                    previous.next = info.next; // a reader standing on the dead entry still goes on from it
                }
                size--;
                uncount(dead.createdSite);
                break;
            }
        }
    }

    private static void uncount(int site) {
        if (site >= 0 && site < SITES_COUNTED && LIVE_PER_SITE[site] > 0) {
            LIVE_PER_SITE[site]--;
        }
    }

    private static void grow() {
        TlInfo[] old = buckets;
        TlInfo[] grown = new TlInfo[old.length * 2];
        resizes++; // odd: lock-free lookups that overlap the relinking look again under the lock
        VarHandle.fullFence();
        for (TlInfo head : old) {
            for (TlInfo info = head; info != null; ) {
                TlInfo next = info.next;
                int index = info.hash & (grown.length - 1);
                info.next = grown[index];
                grown[index] = info;
                info = next;
            }
        }
        buckets = grown;
        resizes++;
    }
}
