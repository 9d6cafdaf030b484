package io.localdrop.agent.findings;

/**
 * What one thread did lately that a task end needs in order to judge and attribute what it finds, bounded and
 * filled on slow paths only:
 * <ul>
 *   <li>the {@code get}s that returned {@code null} since the last task end (ThreadLocal hash and site, the 32
 *       latest): a {@code set} of the same ThreadLocal from the same code after one is the lazy-initialization
 *       idiom; a recorded store notes the one before it, so that many other null gets cannot push it out;</li>
 *   <li>the last watched store or access per ThreadLocal (site, value identity, stack, task epoch): the store a
 *       leaked value came from, so that a finding names this thread's store and not another thread's. 16 records,
 *       a new one taking the place of the next one of an earlier task or of a single-line ThreadLocal; a task that
 *       records more ThreadLocals of several lines than that grows its thread's trail (to {@value #MAX_STORES})
 *       rather than drop a record its end may need (a per-thread cache made lazily at the task's start, then 20
 *       request ThreadLocals of two lines each: without the cache's record its value has no line and no lazy-init
 *       rule, and is judged a leak).</li>
 * </ul>
 * Holds {@link TlInfo}s (weak references themselves) and strings, never a ThreadLocal or a value.
 */
final class ThreadTrail {
    private static final int NULL_GETS = 32;
    private static final int STORES = 16;
    /** The most records a trail grows to; beyond it the next record in turn makes room, the task's own too. */
    static final int MAX_STORES = 64;

    private final int[] nullHash = new int[NULL_GETS];
    private final int[] nullSite = new int[NULL_GETS];
    private int nullCount;

    // one record per index across these arrays, all of one length (a power of two: STORES, grown by doubling)
    private TlInfo[] storeInfo = new TlInfo[STORES];
    private int[] storeSite = new int[STORES];
    private int[] storeValue = new int[STORES];
    private Stacks.Captured[] storeStack = new Stacks.Captured[STORES];
    private long[] storeEpoch = new long[STORES];
    /** Identity of the value the ThreadLocal held before the thread's first store of that task (0: none). */
    private int[] storeStart = new int[STORES];
    /** The site of a null get of the ThreadLocal just before the task's first store (-1: none). */
    private int[] storeNullGet = new int[STORES];
    private int storeNext;
    /** A task epoch whose records filled the trail at {@link #MAX_STORES}: its later records take the next slot. */
    private long fullIn = -1;
    /**
     * {@link TlInfo#manyCount} when this trail last dropped, to make room, the record of a store from another line than
     * the one its ThreadLocal had first (-1: never): for a ThreadLocal whose second line appeared after that, a value
     * this thread holds without a record was stored from its first line.
     */
    private long droppedAt = -1;

    /** A get of the ThreadLocal with {@code hash} at {@code site} returned null. */
    void nullGet(int hash, int site) {
        if (nullCount > 0) {
            int latest = (nullCount - 1) & (NULL_GETS - 1);
            if (nullHash[latest] == hash) {
                nullSite[latest] = site; // the same ThreadLocal read again (a guard checked in a loop): one slot
                return;
            }
        }
        int slot = nullCount++ & (NULL_GETS - 1);
        nullHash[slot] = hash;
        nullSite[slot] = site;
    }

    /** The site of the latest null get of the ThreadLocal with {@code hash} since the last task end, or -1. */
    int nullGetSite(int hash) {
        int seen = Math.min(nullCount, NULL_GETS);
        for (int i = 1; i <= seen; i++) {
            int slot = (nullCount - i) & (NULL_GETS - 1);
            if (nullHash[slot] == hash) {
                return nullSite[slot];
            }
        }
        return -1;
    }

    /** A task ended: its null gets are judged. */
    void clearNullGets() {
        nullCount = 0;
    }

    /** Records an attributing access of {@code info}; replaces the ThreadLocal's earlier record. */
    void store(TlInfo info, int site, int valueIdentity, Stacks.Captured stack, long epoch) {
        store(find(info), info, site, valueIdentity, stack, epoch, 0);
    }

    /**
     * The slot of {@code info}'s record, or -1: for {@link #inTask}, {@link #repeats} and {@link #store}, which then need
     * no lookup of their own.
     */
    int recordOf(TlInfo info) {
        return find(info);
    }

    /**
     * Whether {@code slot} (a record's, or -1 for none) was written in the task of {@code epoch}: the one definition
     * of "this task's record", which attribution, restore and bleed checks each ask.
     */
    boolean inTask(int slot, long epoch) {
        return slot >= 0 && storeEpoch[slot] == epoch;
    }

    /** Whether {@code slot} (a record's, or -1 for none) was written before the task of {@code epoch} began. */
    boolean storedBefore(int slot, long epoch) {
        return slot >= 0 && storeEpoch[slot] < epoch;
    }

    /**
     * Whether a store of the value with {@code valueIdentity} from {@code site} in the task of {@code epoch}, into the
     * ThreadLocal whose record is {@code slot} ({@link #recordOf}; -1 for none), would leave this trail as it is: the
     * record is this task's, of that site and value, and no null get since would change what the record says came
     * before the task's first store. The leaked ThreadLocal re-set with the same value in a loop or per request: its
     * watched stores then cost a lookup, not a record.
     */
    boolean repeats(int slot, int site, int valueIdentity, long epoch) {
        return inTask(slot, epoch) && storeSite[slot] == site && storeValue[slot] == valueIdentity
                && (storeNullGet[slot] >= 0 || nullGetSite(storeInfo[slot].hash) < 0);
    }

    /**
     * Records a store of {@code info}, whose record is {@code record} ({@link #recordOf}; -1 for none); replaces the
     * ThreadLocal's earlier record. {@code startIdentity}, the identity of what it held before, is kept from the task's
     * first store.
     */
    void store(int record, TlInfo info, int site, int valueIdentity, Stacks.Captured stack, long epoch,
               int startIdentity) {
        int slot = record;
        int nullGetBefore = nullGetSite(info.hash);
        if (inTask(slot, epoch)) {
            startIdentity = storeStart[slot];
            if (storeNullGet[slot] >= 0) {
                nullGetBefore = storeNullGet[slot];
            }
        }
        if (slot < 0) {
            slot = roomFor(epoch);
            TlInfo dropped = storeInfo[slot];
            if (dropped != null && dropped.manySince != 0 && storeSite[slot] != dropped.firstSetSite) {
                // a record of a store from another line than the one its ThreadLocal had first goes: a value without
                // a record may now be that store's (a dropped record of the first line's store changes nothing)
                droppedAt = TlInfo.manyCount;
            }
        }
        storeInfo[slot] = info;
        storeSite[slot] = site;
        storeValue[slot] = valueIdentity;
        storeStack[slot] = stack;
        storeEpoch[slot] = epoch;
        storeStart[slot] = startIdentity;
        storeNullGet[slot] = nullGetBefore;
    }

    /**
     * The site of the null get that came before the task's first store of the record (seen when the store was
     * made, so later null gets of other ThreadLocals cannot push it out), or -1.
     */
    int nullGetBeforeStore(int slot) {
        return storeNullGet[slot];
    }

    /** Identity of the value held before the first store of the record's task (0: none). */
    int start(int slot) {
        return storeStart[slot];
    }

    /** The slot of {@code info}'s record whose value has {@code valueIdentity}, or -1. */
    int findValue(TlInfo info, int valueIdentity) {
        int slot = find(info);
        return slot >= 0 && storeValue[slot] == valueIdentity ? slot : -1;
    }

    long droppedAt() {
        return droppedAt;
    }

    int site(int slot) {
        return storeSite[slot];
    }

    Stacks.Captured stack(int slot) {
        return storeStack[slot];
    }

    /**
     * The slot for a new record in the task of {@code epoch}: the next one, in turn, that is free, holds a record of an
     * earlier task, or one of a ThreadLocal with a single storing line (whose values keep that line without a record:
     * {@link TlInfo#storeWithoutRecord}). When every record is this task's and of a ThreadLocal of several lines (whose
     * values would lose their line with it), the trail doubles instead; at {@link #MAX_STORES} the next slot in turn
     * goes.
     */
    private int roomFor(long epoch) {
        int length = storeInfo.length;
        if (epoch != fullIn) {
            for (int i = 0; i < length; i++) {
                int slot = (storeNext + i) & (length - 1);
                TlInfo held = storeInfo[slot];
                if (held == null || storeEpoch[slot] != epoch || !held.manySetters) {
                    storeNext = (slot + 1) & (length - 1);
                    return slot;
                }
            }
        }
        if (length < MAX_STORES) {
            grow(length * 2);
            storeNext = (length + 1) & (length * 2 - 1);
            return length;
        }
        fullIn = epoch; // this task's records of several-line ThreadLocals fill the trail: no more scans until the next
        int slot = storeNext;
        storeNext = (slot + 1) & (length - 1);
        return slot;
    }

    private void grow(int length) {
        storeInfo = java.util.Arrays.copyOf(storeInfo, length);
        storeSite = java.util.Arrays.copyOf(storeSite, length);
        storeValue = java.util.Arrays.copyOf(storeValue, length);
        storeStack = java.util.Arrays.copyOf(storeStack, length);
        storeEpoch = java.util.Arrays.copyOf(storeEpoch, length);
        storeStart = java.util.Arrays.copyOf(storeStart, length);
        storeNullGet = java.util.Arrays.copyOf(storeNullGet, length);
    }

    private int find(TlInfo info) {
        TlInfo[] infos = storeInfo;
        for (int i = 0; i < infos.length; i++) {
            if (infos[i] == info) {
                return i;
            }
        }
        return -1;
    }
}
