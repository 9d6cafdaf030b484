package io.localdrop.agent.findings;

import io.localdrop.agent.tasks.TaskTracker;

import java.util.Arrays;

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

    /** The agent's own ThreadLocal: never rewritten (agent classes are not), skipped by every scan. */
    private static final ThreadLocal<ThreadState> CURRENT = new ThreadLocal<>();

    /** Which task the thread is in (one definition, shared with enforce's clearAfterTask). */
    public final TaskTracker task = new TaskTracker();
    boolean exited;
    /** Entries of the snapshot judged LEAKED: the thread's share of the global suspect count. */
    int leaks;
    Snapshot last = new Snapshot();
    Snapshot next = new Snapshot();

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

    /** The values of one thread at one moment, with their verdicts; reused between task ends. */
    static final class Snapshot {
        private static final int[] NO_INDEX = new int[1];

        int size;
        // allocated at the first add: a thread that only exits never pays for them
        int[] tlHash = new int[0];
        int[] valueHash = new int[0];
        byte[] state = new byte[0];
        int[] setSite = new int[0];
        long[] leakEpoch = new long[0];
        long[] bleedEpoch = new long[0];
        TlInfo[] info = new TlInfo[0];
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
            if (size == tlHash.length) {
                int grown = Math.max(8, size * 2);
                tlHash = Arrays.copyOf(tlHash, grown);
                valueHash = Arrays.copyOf(valueHash, grown);
                state = Arrays.copyOf(state, grown);
                setSite = Arrays.copyOf(setSite, grown);
                leakEpoch = Arrays.copyOf(leakEpoch, grown);
                bleedEpoch = Arrays.copyOf(bleedEpoch, grown);
                info = Arrays.copyOf(info, grown);
            }
            int at = size++;
            tlHash[at] = hash;
            valueHash[at] = value;
            state[at] = verdict;
            setSite[at] = site;
            leakEpoch[at] = leakedIn;
            bleedEpoch[at] = bledIn;
            info[at] = known;
            return at;
        }

        void clear() {
            Arrays.fill(info, 0, size, null);
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
                if (state[i] == LEAKED) {
                    count++;
                }
            }
            return count;
        }

        private static int mix(int hash) {
            return hash ^ (hash >>> 16);
        }
    }
}
