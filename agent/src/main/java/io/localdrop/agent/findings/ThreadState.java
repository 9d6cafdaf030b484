package io.localdrop.agent.findings;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * What the agent tracks for one thread: its task ({@link TaskTracker}), and a snapshot of the values
 * its ThreadLocal maps held at the last task end, with what each was judged to be.
 *
 * <p>The snapshot holds no references to ThreadLocals or values: a ThreadLocal is identified by its own
 * {@code threadLocalHashCode}, a value by {@code System.identityHashCode}. So the agent never keeps a
 * value (or its class loader) alive that the application dropped. The price: a new value with the same
 * identity hash as the one it replaced (about 1 in 2^25) is taken for the old one.
 *
 * <p>Held in the agent's own ThreadLocal, so it dies with its thread; read on slow paths only.
 */
public final class ThreadState {
    static final byte IGNORED = 0;
    static final byte LEAKED = 1;
    static final byte INITIAL = 2;
    static final byte CACHED = 3;
    /** New at a task end and judged only by the next task (watched for reads from other code meanwhile). */
    static final byte PROBATION = 4;
    /** Per-thread state of the code that made it (lazy idiom, restored guard): a foreign read is a bleed. */
    static final byte SELF = 5;
    /** A JDK container without entries: re-checked at each task end (with entries it is a leak). */
    static final byte EMPTY = 6;

    /** The agent's own ThreadLocal: never rewritten (agent classes are not), skipped by every scan. */
    private static final ThreadLocal<ThreadState> CURRENT = OwnThreadLocals.create();

    /** Which task the thread is in (one definition, shared with enforce's clearAfterTask). */
    public final TaskTracker task = new TaskTracker();
    boolean exited;
    /** Entries of the snapshot judged LEAKED: the thread's share of the global suspect count. */
    int leaks;
    /**
     * Entries of the snapshot that are JDK containers (Classifier's {@code CONTAINER} and {@code OWN_CONTAINER}): the
     * thread's reads are looked at while any thread has a suspect, since a container changes without a store.
     */
    int containers;
    Snapshot last = new Snapshot();
    Snapshot next = new Snapshot();
    /** Task ends since the last scan of a thread whose maps are big ({@code Detectors.SCAN_BUDGET}). */
    int endsSinceScan;
    /** Values the thread's maps held at its last scan. */
    int heldAtLastScan;
    /** Entries of the thread's maps, live or stale, its last scan read ({@code Detectors.SCAN_BUDGET}). */
    int walkedAtLastScan;
    /** The thread's recent null gets and watched stores (classification and attribution). */
    final ThreadTrail trail = new ThreadTrail();
    /** The thread's task-end scan, reused from one task end to the next (see TaskEndScan#of). */
    TaskEndScan endScan;
    /** What the thread's maps held at its last scan, slot by slot (made at its first scan). */
    MapShape shape;

    /** The state of the current thread, or null when it never had one. */
    public static ThreadState current() {
        return CURRENT.get();
    }

    /** The state of the current thread, created if needed. */
    public static ThreadState currentOrNew() {
        ThreadState state = CURRENT.get();
        if (state == null) {
            state = new ThreadState();
            CURRENT.set(state);
            Census.threadSeen();
        }
        return state;
    }

    /** A state for the current thread that the thread count has seen already (its exit counted it). */
    static ThreadState newUncounted() {
        ThreadState state = new ThreadState();
        CURRENT.set(state);
        return state;
    }

    /** The agent's own ThreadLocal, which scans skip. */
    public static boolean isAgentThreadLocal(ThreadLocal<?> threadLocal) {
        return threadLocal == CURRENT;
    }

    /** The agent's own ThreadLocal itself, for the bridge (which skips wipes of maps holding only an idle state). */
    public static ThreadLocal<?> agentThreadLocal() {
        return CURRENT;
    }

    /** True when a wipe of this state changes nothing beyond dropping it: no task runs, no leak is counted. */
    public static boolean idle(Object state) {
        return state instanceof ThreadState && !((ThreadState) state).task.inTask() && ((ThreadState) state).leaks == 0;
    }

    /**
     * {@link #idle} as the predicate the bridge takes: a class of its own, not a method reference, which would be a
     * class spun at the installation, on the thread the application waits for.
     */
    public static final Predicate<Object> IDLE = new Predicate<Object>() {
        @Override
        public boolean test(Object state) {
            return idle(state);
        }
    };

    /** The values of one thread at one moment, with their verdicts; reused between task ends. */
    static final class Snapshot implements ThreadLocalMapReader.HeldValues {
        private static final int[] NO_INDEX = new int[1];

        int size;
        // allocated at the first add: a thread that only exits never pays for them
        int[] tlHash = new int[0];
        int[] valueHash = new int[0];
        byte[] state = new byte[0];
        int[] setSite = new int[0];
        long[] leakEpoch = new long[0];
        /**
         * The task (or stretch between tasks) a BLEED of each entry was last counted in; for an own container, which
         * never bleeds as one, the task its own method last read it in ({@code Detectors.readOwnContainer}).
         */
        long[] bleedEpoch = new long[0];
        TlInfo[] info = new TlInfo[0];
        /** The {@link Classifier} rule that decided each entry's verdict. */
        byte[] rule = new byte[0];
        /** The stack of the store (or access) each leaked entry is attributed to, or null. */
        Stacks.Captured[] stack = new Stacks.Captured[0];
        private int[] index = NO_INDEX;

        /** Position of the entry for a ThreadLocal hash, or -1. */
        int find(int hash) {
            int mask = index.length - 1;
            for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
                int at = index[slot];
                if (at == 0) {
                    return -1;
                }
                if (tlHash[at - 1] == hash) {
                    return at - 1;
                }
            }
        }

        int add(int hash, int value, byte verdict, int site, long leakedIn, long bledIn, TlInfo known) {
            return add(hash, value, verdict, site, leakedIn, bledIn, known, Classifier.NONE, null);
        }

        int add(int hash, int value, byte verdict, int site, long leakedIn, long bledIn, TlInfo known, byte decidedBy,
                Stacks.Captured storeStack) {
            if (size == tlHash.length) {
                int grown = Math.max(8, size * 2);
                tlHash = Arrays.copyOf(tlHash, grown);
                valueHash = Arrays.copyOf(valueHash, grown);
                state = Arrays.copyOf(state, grown);
                setSite = Arrays.copyOf(setSite, grown);
                leakEpoch = Arrays.copyOf(leakEpoch, grown);
                bleedEpoch = Arrays.copyOf(bleedEpoch, grown);
                info = Arrays.copyOf(info, grown);
                rule = Arrays.copyOf(rule, grown);
                stack = Arrays.copyOf(stack, grown);
            }
            int at = size++;
            tlHash[at] = hash;
            valueHash[at] = value;
            state[at] = verdict;
            setSite[at] = site;
            leakEpoch[at] = leakedIn;
            bleedEpoch[at] = bledIn;
            info[at] = known;
            rule[at] = decidedBy;
            stack[at] = storeStack;
            return at;
        }

        /**
         * Whether {@code threadLocal} holding {@code value}, found at the place of entry {@code at}, is that entry (the
         * same ThreadLocal hash and value identity hash, the task-end scan's own test) and leaves its verdict as it is:
         * for an empty JDK container, that it is still empty (filled in place, it is a leak); every other verdict the
         * short cut lets through does not depend on the value's contents.
         */
        @Override
        public boolean unchangedBy(int at, ThreadLocal<?> threadLocal, Object value) {
            return at < size && tlHash[at] == ThreadLocalMapReader.hashOf(threadLocal)
                    && valueHash[at] == System.identityHashCode(value)
                    && (state[at] != EMPTY || !Classifier.holdsEntries(value));
        }

        void clear() {
            Arrays.fill(info, 0, size, null);
            Arrays.fill(stack, 0, size, null);
            size = 0;
        }

        /** Clears, and gives memory back when far bigger than {@code expected} entries need (after a flood). */
        void clearAndFit(int expected) {
            int kept = Math.max(256, expected * 2);
            if (tlHash.length <= kept * 2) {
                clear();
                return;
            }
            tlHash = new int[kept];
            valueHash = new int[kept];
            state = new byte[kept];
            setSite = new int[kept];
            leakEpoch = new long[kept];
            bleedEpoch = new long[kept];
            info = new TlInfo[kept];
            rule = new byte[kept];
            stack = new Stacks.Captured[kept];
            size = 0;
        }

        /** Makes {@link #find} work for the entries added; the index stays at most half full. */
        void index() {
            if (size == 0) {
                index = NO_INDEX;
                return;
            }
            int capacity = 16;
            while (capacity < size * 2) {
                capacity <<= 1;
            }
            if (index.length != capacity) {
                index = new int[capacity];
            } else {
                Arrays.fill(index, 0);
            }
            int mask = capacity - 1;
            for (int i = 0; i < size; i++) {
                int slot = mix(tlHash[i]) & mask;
                while (index[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                index[slot] = i + 1;
            }
        }

        int leaks() {
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (state[i] == LEAKED || state[i] == PROBATION) {
                    count++;
                }
            }
            return count;
        }

        /**
         * A ThreadLocal's hash spread over the index: ThreadLocal's own hash codes step by a constant, so a regular
         * subset of them (every second ThreadLocal made on one line, say) shares its low bits and would crowd half
         * the slots; murmur3's finalizer spreads every bit.
         */
        private static int mix(int hash) {
            int h = hash;
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            h ^= h >>> 16;
            return h;
        }
    }
}
