package io.localdrop.agent.findings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One finding: one kind, one ThreadLocal (or, for ThreadLocals not in a static field, one creation site: its
 * {@link #instances}), one storing site, however many threads and times it happened. Holds strings and counters
 * only, never the ThreadLocal or a value, so a finding pins nothing.
 */
public final class Finding {
    /** Distinct sites, threads and frames kept per finding. */
    public static final int MAX_SITES = 8;
    public static final int MAX_THREADS = 16;
    /** Distinct threads counted exactly (by thread id); beyond, {@link #threadCountCapped()}. */
    public static final int MAX_THREAD_IDS = 100_000;

    private final FindingKind kind;
    private final String createdAt;
    private final String field;
    private final String type;
    private final Set<String> setAt = new LinkedHashSet<>();
    private final Set<String> readAt = new LinkedHashSet<>();
    private final Set<String> threads = new LinkedHashSet<>();
    private List<String> setStack = List.of();
    private List<String> readStack = List.of();
    private String appFrame;
    private String readAppFrame;
    private String classifiedBy;
    private long instances;
    private final ThreadIdSet threadIds = new ThreadIdSet();
    private boolean threadCountCapped;
    private boolean namesCapped;
    private String valueType;
    private String valueClassLoader;
    private long count;
    private final long firstSeen;
    private long lastSeen;

    Finding(FindingKind kind, String createdAt, String field, String type, long now) {
        this.kind = kind;
        this.createdAt = createdAt;
        this.field = field;
        this.type = type;
        this.firstSeen = now;
        this.lastSeen = now;
    }

    /**
     * One occurrence.
     *
     * @param threadId the thread's id (unique for the JVM's life), -1 when not counted
     * @param newInstance a ThreadLocal not counted in this finding before
     */
    synchronized void record(String setSite, String readSite, String valueTypeName, String loaderName, String thread,
                             long threadId, boolean newInstance, List<String> newSetStack, String newAppFrame,
                             List<String> newReadStack, String newReadAppFrame, String rule, long now) {
        count++;
        lastSeen = now;
        if (newInstance) {
            instances++;
        }
        add(setAt, setSite, MAX_SITES);
        add(readAt, readSite, MAX_SITES);
        if (thread != null && threads.size() >= MAX_THREADS && !threads.contains(thread)) {
            namesCapped = true;
        }
        add(threads, thread, MAX_THREADS);
        if (threadId >= 0 && !threadCountCapped) {
            if (threadIds.size() < MAX_THREAD_IDS) {
                threadIds.add(threadId);
            } else if (!threadIds.contains(threadId)) {
                threadCountCapped = true;
            }
        }
        if (valueType == null) {
            valueType = valueTypeName;
            valueClassLoader = loaderName;
        }
        if (setStack.isEmpty() && newSetStack != null && !newSetStack.isEmpty()) {
            setStack = List.copyOf(newSetStack);
            appFrame = newAppFrame;
        }
        if (readStack.isEmpty() && newReadStack != null && !newReadStack.isEmpty()) {
            readStack = List.copyOf(newReadStack);
            readAppFrame = newReadAppFrame;
        }
        if (classifiedBy == null) {
            classifiedBy = rule;
        }
    }

    private static void add(Set<String> set, String element, int max) {
        if (element != null && set.size() < max) {
            set.add(element);
        }
    }

    public FindingKind kind() {
        return kind;
    }

    public FindingKind.Severity severity() {
        return kind.severity();
    }

    /** Where the ThreadLocal was constructed, or {@code null} when not in rewritten code. */
    public String createdAt() {
        return createdAt;
    }

    /** The static field it was stored into at construction, or {@code null}. */
    public String field() {
        return field;
    }

    public String type() {
        return type;
    }

    public synchronized List<String> setAt() {
        return new ArrayList<>(setAt);
    }

    public synchronized List<String> readAt() {
        return new ArrayList<>(readAt);
    }

    public synchronized List<String> threads() {
        return new ArrayList<>(threads);
    }

    /** Whether a set stack is known (the detectors stop capturing stacks for it once one is). */
    public synchronized boolean hasSetStack() {
        return !setStack.isEmpty();
    }

    /** The first frame of {@link #setStack()} outside the storing site's library, or {@code null}. */
    public synchronized String appFrame() {
        return appFrame;
    }

    /** The first frame of {@link #readStack()} outside the reading site's library, or {@code null}. */
    public synchronized String readAppFrame() {
        return readAppFrame;
    }

    /** The classification rule that decided this finding (docs/diagnose.md), or {@code null} for the default. */
    public synchronized String classifiedBy() {
        return classifiedBy;
    }

    /** Distinct ThreadLocals in this finding: more than 1 only for ThreadLocals grouped by creation site. */
    public synchronized long instances() {
        return instances;
    }

    /** Distinct threads it happened on (by thread identity, not name); at least this many when capped. */
    public synchronized int threadCount() {
        return Math.max(threadIds.size(), threads.size());
    }

    /** Whether {@link #threadCount()} stopped counting at {@link #MAX_THREAD_IDS}. */
    public synchronized boolean threadCountCapped() {
        return threadCountCapped;
    }

    /** Whether {@link #threads()} stopped at {@link #MAX_THREADS} names while more distinct names came. */
    public synchronized boolean threadsTruncated() {
        return namesCapped;
    }

    public synchronized List<String> setStack() {
        return setStack;
    }

    public synchronized List<String> readStack() {
        return readStack;
    }

    public synchronized String valueType() {
        return valueType;
    }

    public synchronized String valueClassLoader() {
        return valueClassLoader;
    }

    public synchronized long count() {
        return count;
    }

    public long firstSeen() {
        return firstSeen;
    }

    public synchronized long lastSeen() {
        return lastSeen;
    }
}
