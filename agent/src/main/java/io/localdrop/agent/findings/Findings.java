package io.localdrop.agent.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All findings of this JVM, grouped as docs/report-format.md says and bounded: at most {@link #MAX_FINDINGS} groups;
 * occurrences beyond that are counted in {@link #dropped()} only.
 *
 * <p>A group is (kind, ThreadLocal, storing site), where "ThreadLocal" is the {@link TlInfo} itself for one in a
 * static field (or of unknown origin), and its creation site for the others: ThreadLocals made per instance or per
 * call on one line are one finding with an instance count, not one finding each. Keys compare the objects
 * themselves ({@code ==} for a TlInfo, {@code equals} for a site's text), never a hash, so two ThreadLocals never
 * merge by accident.
 */
public final class Findings {
    /**
     * Most severe first, then most frequent: a plain class, not a lambda chain, because the report sorts at JVM exit,
     * where spinning lambda forms would cost every JVM milliseconds.
     */
    private static final Comparator<Finding> MOST_SEVERE_THEN_MOST_FREQUENT = new Comparator<Finding>() {
        @Override
        public int compare(Finding a, Finding b) {
            int bySeverity = a.severity().compareTo(b.severity());
            return bySeverity != 0 ? bySeverity : Long.compare(b.count(), a.count());
        }
    };

    /** Told of every occurrence (the JFR events, when the jdk.jfr module is present); null: nobody listens. */
    private static volatile FindingListener listener;
    public static final int MAX_FINDINGS = 10_000;

    private static final ConcurrentHashMap<Key, Finding> FINDINGS = new ConcurrentHashMap<>();
    private static final AtomicLong DROPPED = new AtomicLong();

    private Findings() {
    }

    /**
     * Records one occurrence (mode=enforce's findings: no stack of the store, no classification rule).
     *
     * @param info what is known of the ThreadLocal (may be null: then only its type is reported)
     * @param threadLocal the ThreadLocal (only its class name and identity are used)
     * @param setSite the storing site id, or -1
     * @param readSite the reading site id (BLEED), or -1
     * @param value the value (only its class and class loader are used)
     */
    public static void record(FindingKind kind, TlInfo info, ThreadLocal<?> threadLocal, int setSite, int readSite,
                              Object value, List<String> readStack) {
        record(kind, info, threadLocal, setSite, readSite, value, null,
                readStack == null ? null : new Stacks.Captured(readStack, null), Classifier.NONE);
    }

    /** Records one occurrence with the stack of the store it is attributed to and the rule that classified it. */
    static void record(FindingKind kind, TlInfo info, ThreadLocal<?> threadLocal, int setSite, int readSite,
                       Object value, Stacks.Captured setStack, Stacks.Captured readStack, byte rule) {
        Key key = new Key(kind, group(info, threadLocal), setSite);
        Finding finding = FINDINGS.get(key);
        long now = System.currentTimeMillis();
        if (finding == null) {
            if (FINDINGS.size() >= MAX_FINDINGS) {
                DROPPED.incrementAndGet();
                return;
            }
            int created = info != null ? info.createdSite() : -1;
            String type = info != null ? info.typeName : threadLocal == null ? null : threadLocal.getClass().getName();
            finding = added(key, new Finding(kind, SiteRegistry.text(created), SiteRegistry.field(created), type, now));
        }
        boolean newInstance = false;
        if (info != null) {
            int bit = 1 << kind.ordinal();
            if ((info.countedKinds & bit) == 0) {
                info.countedKinds |= bit; // racy: two threads may both count one ThreadLocal, never none
                newInstance = true;
            }
        }
        Class<?> valueClass = value == null ? null : value.getClass();
        Thread current = Thread.currentThread();
        @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same unique id on 17
        long threadId = current.getId();
        finding.record(SiteRegistry.text(setSite), SiteRegistry.text(readSite),
                valueClass == null ? null : valueClass.getName(),
                valueClass == null ? null : LoaderNames.name(valueClass.getClassLoader()),
                current.getName(), threadId, newInstance,
                setStack == null ? null : setStack.frames, setStack == null ? null : setStack.appFrame,
                readStack == null ? null : readStack.frames, readStack == null ? null : readStack.appFrame,
                Classifier.name(rule), now);
        tell(finding);
    }

    /**
     * {@code made} under {@code key}, or the finding another thread put there first. Not computeIfAbsent: its lambda
     * would be a class spun at the first finding, on the application thread that made it.
     */
    private static Finding added(Key key, Finding made) {
        Finding raced = FINDINGS.putIfAbsent(key, made);
        return raced != null ? raced : made;
    }

    /**
     * What a finding is about: the TlInfo of a ThreadLocal in a static field (or created where the agent does
     * not rewrite), the creation site's text for the others, the type's name for an untracked ThreadLocal.
     */
    private static Object group(TlInfo info, ThreadLocal<?> threadLocal) {
        if (info == null) {
            return "untracked " + (threadLocal == null ? "?" : threadLocal.getClass().getName());
        }
        int created = info.createdSite();
        String site = SiteRegistry.text(created);
        if (site == null || SiteRegistry.field(created) != null) {
            return info;
        }
        return site;
    }

    /**
     * Records one occurrence about an owned key of the runtime, which is no ThreadLocal the agent tracks: grouped by
     * its name, which the report gives as the field, with {@code type} as the type (mode=enforce: DESTRUCTOR_FAILED
     * of an owned key's destructor under onDestructorFailure=log).
     */
    public static void recordNamed(FindingKind kind, String name, String type) {
        Key key = new Key(kind, "owned key " + name, -2);
        long now = System.currentTimeMillis();
        Finding finding = FINDINGS.get(key);
        if (finding == null) {
            if (FINDINGS.size() >= MAX_FINDINGS) {
                DROPPED.incrementAndGet();
                return;
            }
            finding = added(key, new Finding(kind, null, name, type, now));
        }
        Thread current = Thread.currentThread();
        @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same unique id on 17
        long threadId = current.getId();
        // counted by thread id, as every other finding: by name alone it stopped at the 16 names listed
        finding.record(null, null, null, null, current.getName(), threadId, false, null, null, null, null, null, now);
        tell(finding);
    }

    /** Whether a finding of this group exists already (lets callers skip gathering a stack). */
    public static boolean exists(FindingKind kind, TlInfo info, ThreadLocal<?> threadLocal, int setSite) {
        return FINDINGS.containsKey(new Key(kind, group(info, threadLocal), setSite));
    }

    /** Whether the finding of this group has the stack of its store (then its stores need no more stacks). */
    static boolean hasSetStack(FindingKind kind, TlInfo info, ThreadLocal<?> threadLocal, int setSite) {
        Finding finding = FINDINGS.get(new Key(kind, group(info, threadLocal), setSite));
        return finding != null && finding.hasSetStack();
    }

    /** Every finding, most severe first, then most frequent first. */
    public static List<Finding> all() {
        List<Finding> all = new ArrayList<>(FINDINGS.values());
        all.sort(MOST_SEVERE_THEN_MOST_FREQUENT);
        return all;
    }

    /** Occurrences not recorded because {@link #MAX_FINDINGS} groups existed. */
    public static long dropped() {
        return DROPPED.get();
    }

    /** Forgets everything (tests only). */
    public static void clear() {
        FINDINGS.clear();
        DROPPED.set(0);
    }

    /** (kind, what it is about, storing site): compared by identity (TlInfo) or by text (a site), never a hash. */
    /**
     * A finding's group: its kind, its ThreadLocal (the TlInfo itself, or the creation-site text for ThreadLocals
     * not in a static field) and its storing line. The line is compared as text: a class rewritten twice (loaded by
     * two class loaders, or retransformed) has two site ids for one line, and one leaking line is one finding.
     */
    private static final class Key {
        private final FindingKind kind;
        private final Object group;
        private final int site;
        /** The storing line's text, or null when the site has none (then the id is compared). */
        private final String siteText;

        Key(FindingKind kind, Object group, int site) {
            this.kind = kind;
            this.group = group;
            this.site = site;
            this.siteText = SiteRegistry.text(site);
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key)) {
                return false;
            }
            Key key = (Key) other;
            return key.kind == kind
                    && (siteText == null ? key.siteText == null && key.site == site : siteText.equals(key.siteText))
                    && (key.group == group || (group instanceof String && group.equals(key.group)));
        }

        @Override
        public int hashCode() {
            int groupHash = group instanceof String ? group.hashCode() : System.identityHashCode(group);
            return (kind.ordinal() * 31 + groupHash) * 31 + (siteText == null ? site : siteText.hashCode());
        }
    }

    /** Sets the one listener told of every occurrence (called once at installation). */
    public static void listen(FindingListener newListener) {
        listener = newListener;
    }

    private static void tell(Finding finding) {
        FindingListener current = listener;
        if (current != null) {
            current.recorded(finding);
        }
    }
}
