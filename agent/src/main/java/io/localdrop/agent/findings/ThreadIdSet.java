package io.localdrop.agent.findings;

/**
 * The distinct thread ids a finding happened on, compactly: thread ids are handed out in sequence, so the ids are kept
 * as 64-bit words of a bitmap, each under its word's index in an open-addressing table of primitives. 100,000 threads
 * that ended one after the other take about 1,600 words (some 50 KiB), where a {@code HashSet<Long>} of them took
 * about 6 MiB per finding; ids scattered one per word cost 32 bytes each at most.
 *
 * <p>Not synchronized: its {@link Finding} is.
 */
final class ThreadIdSet {
    /** Word index + 1 (0: a free slot). */
    private long[] keys = new long[16];
    private long[] words = new long[16];
    private int used;
    private int size;

    /** Adds a thread id (not negative); true when it was not there. */
    boolean add(long id) {
        long key = (id >>> 6) + 1;
        long bit = 1L << (id & 63);
        int slot = slot(key);
        if (keys[slot] == key) {
            if ((words[slot] & bit) != 0) {
                return false;
            }
            words[slot] |= bit;
        } else {
            keys[slot] = key;
            words[slot] = bit;
            if (++used * 2 > keys.length) {
                grow();
            }
        }
        size++;
        return true;
    }

    boolean contains(long id) {
        long key = (id >>> 6) + 1;
        int slot = slot(key);
        return keys[slot] == key && (words[slot] & (1L << (id & 63))) != 0;
    }

    /** Distinct ids added. */
    int size() {
        return size;
    }

    /** Bytes of the two tables (tests). */
    long tableBytes() {
        return 16L * keys.length;
    }

    /** The slot holding {@code key}, or the free slot where it goes. */
    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = (int) (key * 0x9E3779B97F4A7C15L >>> 32) & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldWords = words;
        keys = new long[oldKeys.length * 2];
        words = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                words[slot] = oldWords[i];
            }
        }
    }
}
