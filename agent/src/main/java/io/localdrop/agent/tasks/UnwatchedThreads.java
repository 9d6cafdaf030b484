package io.localdrop.agent.tasks;

import io.localdrop.agent.findings.ThreadLocalMapReader;
import io.localdrop.agent.findings.ThreadState;
import io.localdrop.agent.findings.TlInfo;
import io.localdrop.agent.findings.TlRegistry;
import io.localdrop.agent.health.InternalErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What diagnose could not watch, so that silence is not taken for health: live threads that look pooled (their
 * name has a number: {@code XNIO-1 task-3}, {@code worker-7}), hold a value that application code stored with a
 * rewritten {@code set}, and never saw a task boundary. Their leaks cannot be told from their tasks' work. Grouped
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

        Group(String pattern, int threads) {
            this.pattern = pattern;
            this.threads = threads;
        }
    }

    private UnwatchedThreads() {
    }

    /** The groups, by pattern; empty when every pooled-looking thread that stored a value was watched. */
    public static List<Group> census() {
        List<Group> groups = new ArrayList<>();
        try {
            Map<String, Integer> counts = new TreeMap<>();
            Thread self = Thread.currentThread();
            for (Thread thread : liveThreads()) {
                if (thread == null || thread == self || !looksPooled(thread.getName())) {
                    continue;
                }
                Look look = new Look();
                ThreadLocalMapReader.forEach(thread, look);
                if (look.stored && !look.watched) {
                    counts.merge(pattern(thread.getName()), 1, Integer::sum);
                }
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

    /** The platform threads alive now (virtual threads are not in thread groups; each is its own task anyway). */
    private static Thread[] liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int found = root.enumerate(threads, true);
        while (found == threads.length) {
            threads = new Thread[threads.length * 2];
            found = root.enumerate(threads, true);
        }
        return threads;
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
