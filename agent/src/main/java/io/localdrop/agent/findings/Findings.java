package io.localdrop.agent.findings;

import io.localdrop.agent.jfr.FindingEvents;
import io.localdrop.agent.sites.SiteRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All findings of this JVM, grouped by (kind, ThreadLocal identity, storing site) as agent.md says, and
 * bounded: at most {@link #MAX_FINDINGS} groups; occurrences beyond that are counted in
 * {@link #dropped()} only.
 */
public final class Findings {
    public static final int MAX_FINDINGS = 10_000;

    private static final ConcurrentHashMap<Key, Finding> FINDINGS = new ConcurrentHashMap<>();
    private static final AtomicLong DROPPED = new AtomicLong();

    private Findings() {
    }

    /**
     * Records one occurrence.
     *
     * @param info what is known of the ThreadLocal (may be null: then only its type is reported)
     * @param threadLocal the ThreadLocal (only its class name and identity are used)
     * @param setSite the storing site id, or -1
     * @param readSite the reading site id (BLEED), or -1
     * @param value the value (only its class and class loader are used)
     */
    public static void record(FindingKind kind, TlInfo info, ThreadLocal<?> threadLocal, int setSite, int readSite,
                              Object value, List<String> readStack) {
        int identity = info != null ? info.identity : System.identityHashCode(threadLocal);
        Key key = new Key(kind, identity, setSite);
        Finding finding = FINDINGS.get(key);
        long now = System.currentTimeMillis();
        if (finding == null) {
            if (FINDINGS.size() >= MAX_FINDINGS) {
                DROPPED.incrementAndGet();
                return;
            }
            int created = info != null ? info.createdSite() : -1;
            String type = info != null ? info.typeName : threadLocal == null ? null : threadLocal.getClass().getName();
            finding = FINDINGS.computeIfAbsent(key, absent -> new Finding(kind, SiteRegistry.text(created),
                    SiteRegistry.field(created), type, now));
        }
        Class<?> valueClass = value == null ? null : value.getClass();
        finding.record(SiteRegistry.text(setSite), SiteRegistry.text(readSite),
                valueClass == null ? null : valueClass.getName(),
                valueClass == null ? null : LoaderNames.name(valueClass.getClassLoader()),
                Thread.currentThread().getName(),
                info != null && setSite >= 0 && setSite == info.lastSetSite ? info.setStack : null, readStack, now);
        FindingEvents.recorded(finding);
    }

    /**
     * Records one occurrence about an owned key of the runtime, which is no ThreadLocal the agent tracks: grouped by
     * its name, which the report gives as the field, with {@code type} as the type (mode=enforce: DESTRUCTOR_FAILED
     * of an owned key's destructor under onDestructorFailure=log).
     */
    public static void recordNamed(FindingKind kind, String name, String type) {
        Key key = new Key(kind, name.hashCode(), -2);
        long now = System.currentTimeMillis();
        Finding finding = FINDINGS.get(key);
        if (finding == null) {
            if (FINDINGS.size() >= MAX_FINDINGS) {
                DROPPED.incrementAndGet();
                return;
            }
            finding = FINDINGS.computeIfAbsent(key, absent -> new Finding(kind, null, name, type, now));
        }
        finding.record(null, null, null, null, Thread.currentThread().getName(), null, null, now);
        FindingEvents.recorded(finding);
    }

    /** Whether a finding of this group exists already (lets callers skip gathering a stack). */
    public static boolean exists(FindingKind kind, TlInfo info, ThreadLocal<?> threadLocal, int setSite) {
        int identity = info != null ? info.identity : System.identityHashCode(threadLocal);
        return FINDINGS.containsKey(new Key(kind, identity, setSite));
    }

    /** Every finding, most severe first, then most frequent first. */
    public static List<Finding> all() {
        List<Finding> all = new ArrayList<>(FINDINGS.values());
        all.sort(Comparator.comparing(Finding::severity).thenComparing(Comparator.comparingLong(Finding::count).reversed()));
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

    private static final class Key {
        private final FindingKind kind;
        private final int identity;
        private final int site;

        Key(FindingKind kind, int identity, int site) {
            this.kind = kind;
            this.identity = identity;
            this.site = site;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key)) {
                return false;
            }
            Key key = (Key) other;
            return key.kind == kind && key.identity == identity && key.site == site;
        }

        @Override
        public int hashCode() {
            return (kind.ordinal() * 31 + identity) * 31 + site;
        }
    }
}
