package io.localdrop.agent.findings;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;

/**
 * A weak identity map from ThreadLocal to {@link TlInfo}, bounded to {@link #MAX_TRACKED} live entries.
 *
 * <p>Identity only ({@code System.identityHashCode}, {@code ==}): a ThreadLocal subclass's own
 * {@code hashCode}/{@code equals} never run. Entries of collected ThreadLocals are dropped through a
 * reference queue on every insertion. Lookups are synchronized: they happen on slow paths only (a
 * ThreadLocal's construction, the first store from a site, a value seen for the first time at a task end).
 */
public final class TlRegistry {
    /** The most ThreadLocals tracked at once; beyond that, new ones are not tracked (and counted). */
    public static final int MAX_TRACKED = 1 << 16;

    private static final ReferenceQueue<ThreadLocal<?>> QUEUE = new ReferenceQueue<>();
    private static TlInfo[] buckets = new TlInfo[1024];
    private static int size;
    private static long untracked;
    /** A construction was not tracked for lack of room (see {@link #findOrAddStored}). */
    private static boolean constructionRefused;

    private TlRegistry() {
    }

    /** The info of {@code threadLocal}, or {@code null} if it is not tracked. */
    public static synchronized TlInfo find(ThreadLocal<?> threadLocal) {
        int identity = System.identityHashCode(threadLocal);
        for (TlInfo info = buckets[identity & (buckets.length - 1)]; info != null; info = info.next) {
            if (info.get() == threadLocal) {
                return info;
            }
        }
        return null;
    }

    /** The info of {@code threadLocal}, created if needed; {@code null} only when the registry is full. */
    public static synchronized TlInfo findOrAdd(ThreadLocal<?> threadLocal) {
        TlInfo known = find(threadLocal);
        if (known != null) {
            return known;
        }
        expunge();
        if (size >= MAX_TRACKED) {
            untracked++;
            return null;
        }
        if (size >= buckets.length * 3 / 4) {
            grow();
        }
        int identity = System.identityHashCode(threadLocal);
        TlInfo info = new TlInfo(threadLocal, identity, QUEUE);
        int index = identity & (buckets.length - 1);
        info.next = buckets[index];
        buckets[index] = info;
        size++;
        return info;
    }

    /**
     * The info of a ThreadLocal seen at a store, created if needed; {@code null} when full, and also once a
     * construction was ever refused for lack of room: from then on a ThreadLocal first seen at a store may be one
     * made in rewritten code while the registry was full, whose creation site is lost, and tracking it would make
     * a finding of its own beside its creation line's (a flood of per-instance ThreadLocals).
     */
    public static synchronized TlInfo findOrAddStored(ThreadLocal<?> threadLocal) {
        TlInfo known = find(threadLocal);
        if (known != null || !constructionRefused) {
            return known != null ? known : findOrAdd(threadLocal);
        }
        untracked++;
        return null;
    }

    /** Records a construction site; {@code hasInitial} when values may come from an initial value. */
    public static void created(ThreadLocal<?> threadLocal, int site, boolean hasInitial) {
        TlInfo info = findOrAdd(threadLocal);
        if (info == null) {
            synchronized (TlRegistry.class) {
                constructionRefused = true;
            }
        }
        if (info != null) {
            info.createdSite = site;
            info.hasInitial = hasInitial;
            if (hasInitial) {
                // its stores are watched: whether a task put back what it started from is known (a guard)
                info.shared = true;
            }
        }
    }

    /** Live tracked ThreadLocals. */
    public static synchronized int size() {
        expunge();
        return size;
    }

    /** ThreadLocals not tracked because the registry was full. */
    public static synchronized long untracked() {
        return untracked;
    }

    private static void expunge() {
        for (Reference<? extends ThreadLocal<?>> gone; (gone = QUEUE.poll()) != null; ) {
            TlInfo dead = (TlInfo) gone;
            int index = dead.identity & (buckets.length - 1);
            TlInfo previous = null;
            for (TlInfo info = buckets[index]; info != null; previous = info, info = info.next) {
                if (info == dead) {
                    if (previous == null) {
                        buckets[index] = info.next;
                    } else {
                        previous.next = info.next;
                    }
                    size--;
                    break;
                }
            }
        }
    }

    private static void grow() {
        TlInfo[] old = buckets;
        TlInfo[] grown = new TlInfo[old.length * 2];
        for (TlInfo head : old) {
            for (TlInfo info = head; info != null; ) {
                TlInfo next = info.next;
                int index = info.identity & (grown.length - 1);
                info.next = grown[index];
                grown[index] = info;
                info = next;
            }
        }
        buckets = grown;
    }
}
