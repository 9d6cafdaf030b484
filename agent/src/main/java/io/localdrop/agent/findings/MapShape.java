package io.localdrop.agent.findings;

/**
 * What a thread's two ThreadLocal maps held at its last full walk, slot by slot, so that the next task end can tell
 * in a few reads that nothing changed since: the task-end scan's short cut for the usual pool thread, whose tasks set
 * and remove their values and leave the same few cached ones behind.
 *
 * <p>Unchanged means the map's {@code size} field is what it was, and every slot that held an entry then holds one
 * now with the same ThreadLocal (its {@code threadLocalHashCode}, unique to it) and the same value (identity), or is
 * still the entry of a collected ThreadLocal. {@code size} counts exactly the slots that hold an entry, live or stale,
 * so no entry can have been added elsewhere in the table: what a full walk would visit now is what it visited then, in
 * the same order. What it holds are numbers only (hashes, slot indices), no reference to a value or an entry. The
 * verdicts stay the caller's: whether a value found again may still change its verdict (a JDK container filled in
 * place) is asked of the caller's {@link ThreadLocalMapReader.HeldValues} during the same test.
 *
 * <p>Recorded only for small maps ({@link #MAX_SLOTS}): the value identity hashes it needs are a call into the VM the
 * first time, which a flood of ThreadLocals on one thread must not pay for each of them.
 */
final class MapShape {
    /** Slots (of both maps together) above which no shape is kept: the thread's task ends walk the maps. */
    static final int MAX_SLOTS = 32;

    private boolean valid;
    private boolean recording;
    /** Each map's {@code size} at the walk, -1 when the thread had no such map. */
    private final int[] size = new int[2];
    private final int[] slot = new int[MAX_SLOTS];
    /** The entry's ThreadLocal hash, meaningful only when not {@link #stale}. */
    private final int[] key = new int[MAX_SLOTS];
    /** The value's identity hash, 0 for null (an identity hash is never 0). */
    private final int[] value = new int[MAX_SLOTS];
    private final boolean[] stale = new boolean[MAX_SLOTS];
    private int count;

    /** A full walk starts: what it reads replaces the shape. */
    void begin() {
        valid = false;
        recording = true;
        count = 0;
    }

    /** The walk reaches map {@code which} (0 the thread's, 1 the inheritable one) with {@code entries} entries. */
    void map(int which, int entries) {
        size[which] = entries;
        if (entries > 0 && count + entries > MAX_SLOTS) {
            recording = false;
        }
    }

    /** A slot holding the entry of a ThreadLocal with {@code hash} and a value of identity {@code identity}. */
    void live(int index, int hash, int identity) {
        if (recording && count < MAX_SLOTS) {
            slot[count] = index;
            key[count] = hash;
            value[count] = identity;
            stale[count] = false;
            count++;
        }
    }

    /** A slot holding the entry of a collected ThreadLocal. */
    void stale(int index) {
        if (recording && count < MAX_SLOTS) {
            slot[count] = index;
            stale[count] = true;
            count++;
        }
    }

    /** The walk ended: the shape holds if every slot the maps' sizes counted was recorded. */
    void end() {
        valid = recording && count == Math.max(0, size[0]) + Math.max(0, size[1]);
        recording = false;
    }

    /** The maps were replaced or wiped: the next task end walks them. */
    void forget() {
        valid = false;
    }

    /** Whether the walk under way still records (the maps are small enough so far). */
    boolean recording() {
        return recording;
    }

    boolean valid() {
        return valid;
    }

    int size(int which) {
        return size[which];
    }

    int count() {
        return count;
    }

    int slot(int at) {
        return slot[at];
    }

    boolean isStale(int at) {
        return stale[at];
    }

    int key(int at) {
        return key[at];
    }

    int value(int at) {
        return value[at];
    }
}
