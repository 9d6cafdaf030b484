package io.localdrop.agent.enforce;

import io.localdrop.agent.findings.ThreadLocalMapReader;
import io.localdrop.agent.findings.TaskTracker;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * The values of one generation: read straight from the current thread's ThreadLocal maps (never through
 * {@code get}, which would run initialValue), filtered, then put in closing order: values whose store the agent
 * saw, last stored first; then values of unknown order (stored by code the agent did not rewrite), in map order.
 */
final class Batch implements ThreadLocalMapReader.EntryVisitor {
    /** What a collection takes. */
    enum Filter {
        /** AutoCloseable values not closed yet in this exit. */
        EXIT,
        /** Values diagnose's task-end scan judged leaks of the task that ended (clearAfterTask): any type. */
        TASK
    }

    private static final ThreadLocal<?>[] NO_THREAD_LOCALS = new ThreadLocal<?>[0];
    private static final Object[] NO_VALUES = new Object[0];
    private static final long[] NO_SEQUENCES = new long[0];

    /** Empty until the first entry: most threads end with nothing to close, and their exit allocates nothing more. */
    ThreadLocal<?>[] threadLocals = NO_THREAD_LOCALS;
    Object[] values = NO_VALUES;
    long[] sequences = NO_SEQUENCES;
    int size;

    private StoreOrder order;
    private IdentityHashMap<Object, Boolean> closed;
    private Filter filter;
    private TaskTracker.LeftBehind leftBehind;

    /** The entries of the current thread that the task-end scan judged leaks ({@link Filter#TASK}). */
    Batch collectLeftBehind(StoreOrder from, TaskTracker.LeftBehind judged) {
        leftBehind = judged;
        try {
            return collect(from, null, Filter.TASK);
        } finally {
            leftBehind = null;
        }
    }

    /** Collects the current thread's entries that pass {@code filter}; {@code order} may be null (nothing recorded). */
    Batch collect(StoreOrder from, IdentityHashMap<Object, Boolean> alreadyClosed, Filter what) {
        clear();
        order = from;
        closed = alreadyClosed;
        filter = what;
        ThreadLocalMapReader.forEach(Thread.currentThread(), this);
        order = null;
        closed = null;
        return this;
    }

    @Override
    public void entry(ThreadLocal<?> threadLocal, Object value) {
        if (filter == Filter.EXIT && !(value instanceof AutoCloseable)) {
            // first: at an exit most entries hold no AutoCloseable (a flood's hundred thousand Integers), and the
            // name, hash and store-order lookups below were made for each of them before this test
            return;
        }
        if (TlNames.skipped(threadLocal)) {
            return;
        }
        int hash = ThreadLocalMapReader.hashOf(threadLocal);
        long sequence = order == null ? 0 : order.sequenceOf(hash, value);
        if (filter == Filter.EXIT) {
            if (closed != null && closed.containsKey(value)) {
                return;
            }
            if (likelyInherited(threadLocal, sequence)) {
                return; // not ours to close
            }
        } else {
            if (leftBehind == null || !leftBehind.contains(threadLocal, value)) {
                return; // not judged a leak: a per-thread cache, a reset guard, a value from before the task
            }
        }
        add(threadLocal, value, sequence);
    }

    private void add(ThreadLocal<?> threadLocal, Object value, long sequence) {
        if (size == values.length) {
            int grown = Math.max(8, size * 2);
            threadLocals = Arrays.copyOf(threadLocals, grown);
            values = Arrays.copyOf(values, grown);
            sequences = Arrays.copyOf(sequences, grown);
        }
        threadLocals[size] = threadLocal;
        values[size] = value;
        sequences[size] = sequence;
        size++;
    }

    /**
     * Whether entry {@code i} (after {@link #sort}, too) is an InheritableThreadLocal's value that the agent did not
     * see stored on this thread: most likely copied from the thread that made this one, which still uses the very
     * same object, so it is never closed here (removed, with clearAfterTask).
     */
    boolean likelyInherited(int i) {
        return likelyInherited(threadLocals[i], sequences[i]);
    }

    private static boolean likelyInherited(ThreadLocal<?> threadLocal, long sequence) {
        return sequence == 0 && threadLocal instanceof InheritableThreadLocal;
    }

    /** Last stored first; unknown order (0) after every known one, keeping map order among themselves. */
    void sort() {
        for (int i = 1; i < size; i++) {
            ThreadLocal<?> threadLocal = threadLocals[i];
            Object value = values[i];
            long sequence = sequences[i];
            int j = i - 1;
            while (j >= 0 && comesAfter(sequences[j], sequence)) {
                threadLocals[j + 1] = threadLocals[j];
                values[j + 1] = values[j];
                sequences[j + 1] = sequences[j];
                j--;
            }
            threadLocals[j + 1] = threadLocal;
            values[j + 1] = value;
            sequences[j + 1] = sequence;
        }
    }

    /** Whether an entry of sequence {@code a} is closed after one of sequence {@code b}. */
    static boolean comesAfter(long a, long b) {
        if (a == 0) {
            return b != 0;
        }
        return b != 0 && a < b;
    }

    void clear() {
        Arrays.fill(threadLocals, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    /** The value {@code threadLocal} holds on the current thread now, read from the map; null when none. */
    static Object currentValue(ThreadLocal<?> threadLocal) {
        Finder finder = new Finder(threadLocal);
        ThreadLocalMapReader.forEach(Thread.currentThread(), finder);
        return finder.found;
    }

    private static final class Finder implements ThreadLocalMapReader.EntryVisitor {
        private final ThreadLocal<?> wanted;
        Object found;

        Finder(ThreadLocal<?> wanted) {
            this.wanted = wanted;
        }

        @Override
        public void entry(ThreadLocal<?> threadLocal, Object value) {
            if (threadLocal == wanted) {
                found = value;
            }
        }
    }
}
