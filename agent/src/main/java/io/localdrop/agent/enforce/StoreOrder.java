package io.localdrop.agent.enforce;

import java.util.Arrays;

/**
 * One thread's record of its ThreadLocals under enforce, keyed by each ThreadLocal's own
 * {@code threadLocalHashCode} (unique per ThreadLocal, read without running application code): when a value was
 * last stored (a per-thread sequence number: "last stored, first closed"), which value that was (its identity
 * hash, so a value stored by code the agent does not see is recognized as unknown), how it got there (set or
 * initial value, inside a task or not), and what the exit has done to it (closing, closed).
 *
 * <p>Holds no reference to a ThreadLocal or a value: it never keeps either alive. Bounded to {@link #MAX_ENTRIES}
 * ThreadLocals per thread; beyond, stores are not recorded and those values count as of unknown order.
 * Only its own thread touches it: nothing is synchronized.
 */
final class StoreOrder {
    static final int MAX_ENTRIES = 4096;

    static final byte FROM_SET = 1;
    static final byte FROM_INITIAL = 2;

    static final byte ALIVE = 0;
    static final byte CLOSING = 1;
    static final byte CLOSED = 2;

    /**
     * The id of the thread whose order this is (made on that thread, by its {@link EnforceState}):
     * {@link RepeatedStores} tells whose order a site remembered by it, without a ThreadLocal lookup.
     */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+; both read the same final id
    final long ownerId = Thread.currentThread().getId();
    private boolean[] used = new boolean[16];
    private int[] keys = new int[16];
    private long[] sequence = new long[16];
    private int[] valueIdentity = new int[16];
    private byte[] origin = new byte[16];
    private byte[] status = new byte[16];
    private int[] exitSite = new int[16];
    private int size;
    private long nextSequence = 1;
    /**
     * The slot of the thread's latest recorded store, -1 when unknown: the same value stored again into the same
     * ThreadLocal the same way is already last in the order, so that store changes nothing and skips the probe.
     */
    private int latest = -1;
    /**
     * Copies of {@code keys[latest]}, {@code valueIdentity[latest]}, {@code origin[latest]}, valid while
     * {@code latest >= 0}: the repeat test of every re-set reads three fields instead of three bounds-checked array
     * elements behind three array loads.
     */
    private int latestKey;
    private int latestIdentity;
    private byte latestOrigin;

    /** Whether the thread's latest recorded store is {@code value} (by identity hash) into {@code tlHash}, {@code how}. */
    boolean isLatest(int tlHash, int identity, byte how) {
        return latest >= 0 && latestKey == tlHash && latestIdentity == identity && latestOrigin == how;
    }

    /** Records that {@code value} was stored into the ThreadLocal {@code tlHash} just now. */
    void stored(int tlHash, Object value, byte how) {
        int identity = System.identityHashCode(value);
        if (isLatest(tlHash, identity, how)) {
            return;
        }
        int slot = slot(tlHash, true);
        if (slot < 0) {
            return;
        }
        sequence[slot] = nextSequence++;
        valueIdentity[slot] = identity;
        origin[slot] = how;
        latestKey = tlHash;
        latestIdentity = identity;
        latestOrigin = how;
        latest = slot;
    }

    /** The store sequence of {@code value} in ThreadLocal {@code tlHash}, or 0 when the agent did not see it stored. */
    long sequenceOf(int tlHash, Object value) {
        int slot = slot(tlHash, false);
        return slot >= 0 && sequence[slot] != 0 && valueIdentity[slot] == System.identityHashCode(value)
                ? sequence[slot] : 0;
    }

    /** How {@code value} got into ThreadLocal {@code tlHash} (FROM_SET, FROM_INITIAL bits), 0 if unknown. */
    byte originOf(int tlHash, Object value) {
        int slot = slot(tlHash, false);
        return slot >= 0 && sequence[slot] != 0 && valueIdentity[slot] == System.identityHashCode(value)
                ? origin[slot] : 0;
    }

    byte status(int tlHash) {
        int slot = slot(tlHash, false);
        return slot < 0 ? ALIVE : status[slot];
    }

    void status(int tlHash, byte newStatus) {
        latest = -1; // a store after a close is a new one
        int slot = slot(tlHash, newStatus != ALIVE);
        if (slot >= 0) {
            status[slot] = newStatus;
        }
    }

    /** The rewritten site that accessed ThreadLocal {@code tlHash} while the thread was closing values, or -1. */
    int exitSite(int tlHash) {
        int slot = slot(tlHash, false);
        return slot < 0 ? -1 : exitSite[slot];
    }

    void exitSite(int tlHash, int site) {
        int slot = slot(tlHash, true);
        if (slot >= 0) {
            exitSite[slot] = site;
        }
    }

    /** Every ThreadLocal back to ALIVE (after a ForkJoin wipe the thread goes on with empty maps). */
    void resetStatuses() {
        latest = -1;
        Arrays.fill(status, ALIVE);
    }

    int size() {
        return size;
    }

    private int slot(int tlHash, boolean create) {
        int mask = keys.length - 1;
        int index = mix(tlHash) & mask;
        while (used[index]) {
            if (keys[index] == tlHash) {
                return index;
            }
            index = (index + 1) & mask;
        }
        if (!create || size >= MAX_ENTRIES) {
            return -1;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
            return slot(tlHash, true);
        }
        used[index] = true;
        keys[index] = tlHash;
        exitSite[index] = -1;
        size++;
        return index;
    }

    private void grow() {
        latest = -1; // slots move
        boolean[] oldUsed = used;
        int[] oldKeys = keys;
        long[] oldSequence = sequence;
        int[] oldValue = valueIdentity;
        byte[] oldOrigin = origin;
        byte[] oldStatus = status;
        int[] oldSite = exitSite;
        int capacity = oldKeys.length * 2;
        used = new boolean[capacity];
        keys = new int[capacity];
        sequence = new long[capacity];
        valueIdentity = new int[capacity];
        origin = new byte[capacity];
        status = new byte[capacity];
        exitSite = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (!oldUsed[i]) {
                continue;
            }
            int index = mix(oldKeys[i]) & mask;
            while (used[index]) {
                index = (index + 1) & mask;
            }
            used[index] = true;
            keys[index] = oldKeys[i];
            sequence[index] = oldSequence[i];
            valueIdentity[index] = oldValue[i];
            origin[index] = oldOrigin[i];
            status[index] = oldStatus[i];
            exitSite[index] = oldSite[i];
        }
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }
}
