package io.localdrop.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What one thread owns: its live keys in order of initialization, each with the generation it was
 * born in, and the destruction that runs at its exit (rules 4 to 9) or on {@code destroyAll} (rule 11).
 *
 * <p>Only the owning thread touches a record, so nothing here is synchronized.
 */
public final class ThreadRecord {
    private static final ThreadLocal<ThreadRecord> CURRENT = new ThreadLocal<>();

    private KeyCell<?>[] keys = new KeyCell<?>[8];
    private int[] generations = new int[8];
    private int size;

    /** The generation of the destructor running now; 0 when none runs (values born then are generation 1). */
    private int runningGeneration;
    /** The highest generation destroyed by the final exit's pass (0 before it, or when it had nothing to destroy). */
    private int exitGeneration;
    private boolean exited;
    /** Not final: a record made before a late {@code Localdrop.install()} gains the hook once the bridge is there. */
    private boolean hasExitHook;

    private ThreadRecord(boolean hasExitHook) {
        this.hasExitHook = hasExitHook;
    }

    /** The record of the current thread, created on first use (and the rule 12 warning with it). */
    public static ThreadRecord current() {
        ThreadRecord record = CURRENT.get();
        if (record == null) {
            record = new ThreadRecord(AgentBridge.active());
            CURRENT.set(record);
        }
        return record;
    }

    /** The record of the current thread, or null: never creates one (thread exit of threads without keys). */
    static ThreadRecord existing() {
        return CURRENT.get();
    }

    /** The ThreadLocal of the records, for the bridge (which tells the runtimes' own entries from the application's). */
    static ThreadLocal<?> recordLocal() {
        return CURRENT;
    }

    /** Marks the current thread as one whose exit is handled by {@code Localdrop.wrap}. */
    public static ThreadRecord enterWrapped() {
        ThreadRecord record = CURRENT.get();
        if (record == null || !record.hasExitHook) {
            ThreadRecord wrapped = new ThreadRecord(true);
            if (record != null) {
                wrapped.adopt(record);
            }
            record = wrapped;
            CURRENT.set(record);
        }
        return record;
    }

    private void adopt(ThreadRecord other) {
        for (int i = 0; i < other.size; i++) {
            append(other.keys[i], other.generations[i]);
        }
    }

    void register(KeyCell<?> key) {
        if (!hasExitHook) {
            if (AgentBridge.active()) {
                hasExitHook = true; // the agent was installed after this record was made
            } else {
                Warnings.noExitHook(key.name());
            }
        }
        // A key first used after the final exit's pass (by an agent feature's handler running later in the same
        // exit, such as an enforce close()) is one generation past the last one destroyed: the bridge calls the
        // runtime once more after those handlers, and rules 7 and 8 apply to it as to a destructor's new key.
        int generation = runningGeneration > 0 || !exited ? runningGeneration + 1 : Math.max(exitGeneration, 1) + 1;
        append(key, generation);
    }

    private void append(KeyCell<?> key, int generation) {
        if (size == keys.length) {
            keys = java.util.Arrays.copyOf(keys, size * 2);
            generations = java.util.Arrays.copyOf(generations, size * 2);
        }
        keys[size] = key;
        generations[size] = generation;
        size++;
    }

    void unregister(KeyCell<?> key) {
        for (int i = size - 1; i >= 0; i--) {
            if (keys[i] == key) {
                System.arraycopy(keys, i + 1, keys, i, size - i - 1);
                System.arraycopy(generations, i + 1, generations, i, size - i - 1);
                keys[--size] = null;
                return;
            }
        }
    }

    /** Runs one destructor under the failure policy (rule 9), whoever started it. */
    <T> void destroy(KeyCell<T> key, T value) {
        try {
            key.runDestructor(value);
        } catch (Throwable failure) {
            FailurePolicy.destructorFailed(key.name(), failure);
        }
    }

    /**
     * Destroys every live key, last initialized first, including keys that destructors initialize,
     * up to the generation bound (rules 4, 7, 8). At the final exit the keys end DESTROYED; otherwise
     * (destroyAll) UNINITIALIZED.
     *
     * @return what was destroyed, as a {@link BridgeProtocol#tally}: the values whose destructor ran, and the highest
     *     generation among them (the rounds); 0 when nothing was destroyed
     */
    public int destroyAll(boolean finalExit) {
        if (runningGeneration > 0 || (exited && size == 0)) {
            return 0; // called from a destructor (the running loop takes care of new keys), or gone with nothing new
        }
        if (finalExit) {
            exited = true;
        }
        int bound = Config.maxDestructorRounds();
        List<String> leaked = null;
        int destroyed = 0;
        int rounds = 0;
        try {
            while (size > 0) {
                KeyCell<?> key = keys[--size];
                int generation = generations[size];
                keys[size] = null;
                if (generation > bound) {
                    if (leaked == null) {
                        leaked = new ArrayList<>();
                    }
                    leaked.add(key.name());
                    if (!finalExit) {
                        key.forget();
                    }
                    continue;
                }
                runningGeneration = generation;
                if (finalExit && generation > exitGeneration) {
                    exitGeneration = generation;
                }
                if (key.destroyForExit(this, finalExit)) {
                    destroyed++;
                    rounds = Math.max(rounds, generation);
                }
            }
        } finally {
            runningGeneration = 0;
        }
        if (leaked != null) {
            Warnings.leakedBeyondBound(leaked, bound);
        }
        return destroyed == 0 ? 0 : BridgeProtocol.tally(destroyed, rounds);
    }

    /** {@code Localdrop.destroyAll()}: rule 11 on the current thread, if it has keys at all. */
    public static void destroyAllOfCurrentThread() {
        ThreadRecord record = existing();
        if (record != null) {
            record.destroyAll(false);
        }
    }
}
