package io.localdrop.agent.tasks;

import io.localdrop.agent.findings.LiveThreads;
import io.localdrop.agent.findings.TaskTracker;
import io.localdrop.agent.findings.ThreadLocalMapReader;
import io.localdrop.agent.findings.ThreadState;
import io.localdrop.agent.findings.TlInfo;
import io.localdrop.agent.findings.TlRegistry;
import io.localdrop.agent.health.InternalErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What diagnose could not watch, so that silence is not taken for health: threads that look pooled (their name
 * has a number: {@code XNIO-1 task-3}, {@code worker-7}), hold a value that application code stored with a
 * rewritten {@code set}, and never saw a task boundary: those alive at report time, and those that exited so. Their leaks cannot be told from their tasks' work. Grouped
 * by name pattern (every run of digits replaced by {@code #}), with a count.
 *
 * <p>Taken at report time, from the reporting thread: each thread's map is read without its cooperation (the
 * table reference once, then its entries; a racy but read-only look, which may miss a value stored meanwhile).
 * Nothing on the hot paths: the fact "this thread saw a boundary" is the {@link TaskTracker} the thread has anyway.
 */
public final class UnwatchedThreads {
    /** The pattern of a group of threads and how many live threads have it. */
    public static final class Group {
        public final String pattern;
        public final int threads;

        public Group(String pattern, int threads) {
            this.pattern = pattern;
            this.threads = threads;
        }
    }

    /** Threads that exited unwatched, by pattern; bounded (patterns beyond it are not counted). */
    private static final ConcurrentHashMap<String, AtomicInteger> EXITED = new ConcurrentHashMap<>();
    private static final int MAX_PATTERNS = 1024;
    /** The ids of the exited threads counted (unwatched ones only: few); bounded, then no more are counted. */
    private static final ConcurrentHashMap<Long, Boolean> COUNTED = new ConcurrentHashMap<>();
    private static final int MAX_THREADS = 1 << 16;

    private UnwatchedThreads() {
    }

    /**
     * The current thread exits (before diagnose's exit scan): if it looks pooled, never saw a task boundary and
     * holds a value application code stored, it is counted, so a pool that shut down before the report is not
     * forgotten. Cheap for the usual exits: a name check first (virtual threads have none).
     */
    public static void threadExiting() {
        try {
            Thread thread = Thread.currentThread();
            String name = thread.getName();
            if (!looksPooled(name)) {
                return;
            }
            ThreadState state = ThreadState.current();
            if (state != null && state.task.everStarted()) {
                return;
            }
            Look look = new Look();
            ThreadLocalMapReader.forEach(thread, look);
            // JDK 17 may call Thread.exit() up to three times: a thread is counted once (ids are never reused)
            if (look.stored && COUNTED.size() < MAX_THREADS && COUNTED.putIfAbsent(thread.getId(), Boolean.TRUE) == null
                    && (EXITED.size() < MAX_PATTERNS || EXITED.containsKey(pattern(name)))) {
                EXITED.computeIfAbsent(pattern(name), key -> new AtomicInteger()).incrementAndGet();
            }
        } catch (Throwable failed) {
            InternalErrors.record("tasks: counting an unwatched thread at its exit", failed);
        }
    }

    /** The groups, by pattern; empty when every pooled-looking thread that stored a value was watched. */
    public static List<Group> census() {
        List<Group> groups = new ArrayList<>();
        try {
            Map<String, Integer> counts = new TreeMap<>();
            Thread self = Thread.currentThread();
            for (Thread thread : LiveThreads.all()) {
                if (thread == null || thread == self || !looksPooled(thread.getName())) {
                    continue;
                }
                Look look = new Look();
                ThreadLocalMapReader.forEach(thread, look);
                if (look.stored && !look.watched) {
                    counts.merge(pattern(thread.getName()), 1, Integer::sum);
                }
            }
            for (Map.Entry<String, AtomicInteger> exited : EXITED.entrySet()) {
                counts.merge(exited.getKey(), exited.getValue().get(), Integer::sum);
            }
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                groups.add(new Group(entry.getKey(), entry.getValue()));
            }
        } catch (Throwable failed) {
            InternalErrors.record("tasks: counting the threads diagnose could not watch", failed);
        }
        return groups;
    }

    /** A thread's name with every run of digits replaced by {@code #}. */
    static String pattern(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= '0' && c <= '9') {
                if (out.length() == 0 || out.charAt(out.length() - 1) != '#') {
                    out.append('#');
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean looksPooled(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= '0' && c <= '9') {
                return !name.startsWith("localdrop-");
            }
        }
        return false;
    }

    /** What one thread's map says: a value stored by application code, and whether the thread saw a boundary. */
    private static final class Look implements ThreadLocalMapReader.EntryVisitor {
        boolean stored;
        boolean watched;

        @Override
        public void entry(ThreadLocal<?> threadLocal, Object value) {
            if (ThreadState.isAgentThreadLocal(threadLocal)) {
                watched |= value instanceof ThreadState && ((ThreadState) value).task.everStarted();
                return;
            }
            if (!stored) {
                TlInfo info = TlRegistry.find(threadLocal);
                stored = info != null && info.lastSetSite >= 0;
            }
        }
    }
}
