package io.localdrop.agent.findings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One finding: one kind, one ThreadLocal, one storing site, however many threads and times it happened.
 * Holds strings and counters only, never the ThreadLocal or a value, so a finding pins nothing.
 */
public final class Finding {
    /** Distinct sites, threads and frames kept per finding. */
    public static final int MAX_SITES = 8;
    public static final int MAX_THREADS = 16;

    private final FindingKind kind;
    private final String createdAt;
    private final String field;
    private final String type;
    private final Set<String> setAt = new LinkedHashSet<>();
    private final Set<String> readAt = new LinkedHashSet<>();
    private final Set<String> threads = new LinkedHashSet<>();
    private List<String> setStack = List.of();
    private List<String> readStack = List.of();
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

    synchronized void record(String setSite, String readSite, String valueTypeName, String loaderName,
                             String thread, List<String> newSetStack, List<String> newReadStack, long now) {
        count++;
        lastSeen = now;
        add(setAt, setSite, MAX_SITES);
        add(readAt, readSite, MAX_SITES);
        add(threads, thread, MAX_THREADS);
        if (valueType == null) {
            valueType = valueTypeName;
            valueClassLoader = loaderName;
        }
        if (setStack.isEmpty() && newSetStack != null) {
            setStack = List.copyOf(newSetStack);
        }
        if (readStack.isEmpty() && newReadStack != null) {
            readStack = List.copyOf(newReadStack);
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
