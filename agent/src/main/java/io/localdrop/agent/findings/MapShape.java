package io.localdrop.agent.findings;

/**
 * Which slots of a thread's two ThreadLocal maps held an entry at its last full walk, and which of those the walk
 * visited (a live ThreadLocal with a value), so that the next task end can tell in a few reads that the walk would
 * visit the same entries again: the task-end scan's short cut for the usual pool thread, whose tasks set and remove
 * their values and leave the same few cached ones behind.
 *
 * <p>The same entries means: the map's {@code size} field is what it was, every slot that held an entry then holds
 * one now, each visited slot is still visited and holds what the caller's {@link ThreadLocalMapReader.HeldValues}
 * (the snapshot, which has each visited entry's ThreadLocal hash and value identity hash) accepts, and each other slot
 * is still not visited (a collected ThreadLocal's entry, or one without a value). {@code size} counts exactly the
 * slots that hold an entry, so no entry can have been added elsewhere in the table: what a full walk would visit now
 * is what it visited then, in the same order. It holds slot indices only, no reference to a value or an entry.
 *
 * <p>Recorded only for small maps ({@link #MAX_SLOTS}), so that the test stays a few reads.
 */
final class MapShape {
    /** Slots (of both maps together) above which no shape is kept: the thread's task ends walk the maps. */
    static final int MAX_SLOTS = 32;

    private boolean valid;
    private boolean recording;
    /** Each map's {@code size} at the walk, -1 when the thread had no such map. */
    private final int[] size = new int[2];
    private final int[] slot = new int[MAX_SLOTS];
    /** Whether the walk visited the slot's entry: a live ThreadLocal with a value. */
    private final boolean[] visited = new boolean[MAX_SLOTS];
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

    /** A slot holding an entry, which the walk {@code visited} or passed over (collected ThreadLocal, no value). */
    void slot(int index, boolean visited) {
        if (recording && count < MAX_SLOTS) {
            slot[count] = index;
            this.visited[count] = visited;
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

    boolean visited(int at) {
        return visited[at];
    }
}
