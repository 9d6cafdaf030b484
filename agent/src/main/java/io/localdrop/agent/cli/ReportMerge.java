package io.localdrop.agent.cli;

import io.localdrop.agent.html.ReportView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many JVMs' reports (a staging fleet, the runs of a test matrix) into one {@code localdrop-report/1} report:
 * the same leak in several JVMs is one finding with the counts summed and the JVMs listed.
 *
 * <p>"The same leak" is the agent's own grouping across JVMs: kind, the ThreadLocal's identity (its creation
 * site, field and type) and the storing sites. What the merge adds, within the format's rule that fields are
 * only added: per finding {@code jvms} (the sources it was found in), and at the top level {@code jvms} (one
 * entry per source: its label, pid, Java version, start and end). The top-level {@code jvm} then spans the
 * fleet (the first source's pid and Java version, the earliest start, the latest end) and {@code options} are
 * the first source's; each source's own are in {@code jvms}. Lists keep the agent's caps (sites 8, threads 16),
 * {@code threadCount} and {@code instances} are summed (threads and ThreadLocals of different JVMs are different
 * ones); the summary's counters are summed and the severity counts recounted.
 */
public final class ReportMerge {
    private static final int MAX_SITES = 8;
    private static final int MAX_THREADS = 16;

    private ReportMerge() {
    }

    /**
     * The merged report.
     *
     * @param reports per source label (a file name), the report's JSON text, in order
     * @throws IllegalArgumentException if a text is not a {@code localdrop-report/1} report (the message names it)
     */
    public static String merge(Map<String, String> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: no report given");
        }
        Map<String, Map<String, Object>> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> report : reports.entrySet()) {
            parsed.put(report.getKey(), ReportShape.parse(report.getKey(), report.getValue()));
        }
        return TreeJson.write(mergeParsed(parsed));
    }

    /** The merge of reports that {@link ReportShape#parse} accepted (their shape checked, so the casts below hold). */
    private static Map<String, Object> mergeParsed(Map<String, Map<String, Object>> reports) {
        Map<String, Map<String, Object>> findings = new LinkedHashMap<>();
        Map<String, Map<String, Object>> suppressed = new LinkedHashMap<>();
        Map<String, Map<String, Object>> unwatched = new LinkedHashMap<>();
        Map<String, Map<String, Object>> errors = new LinkedHashMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        List<Object> jvms = new ArrayList<>();
        Map<String, Object> first = null;
        String startedAt = null;
        String writtenAt = null;
        for (Map.Entry<String, Map<String, Object>> source : reports.entrySet()) {
            String label = source.getKey();
            Map<String, Object> report = source.getValue();
            if (first == null) {
                first = report;
            }
            Map<String, Object> jvm = map(report.get("jvm"));
            startedAt = earliest(startedAt, jvm.get("startedAt"));
            writtenAt = latest(writtenAt, jvm.get("writtenAt"));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", label);
            entry.putAll(jvm);
            entry.put("options", map(report.get("options")));
            jvms.add(entry);
            for (Object finding : list(report.get("findings"))) {
                addFinding(findings, map(finding), label);
            }
            for (Object each : list(report.get("suppressed"))) {
                Map<String, Object> s = map(each);
                Map<String, Object> into = group(suppressed, s, "kind", "threadLocal", "reason", "line");
                sum(into, s, "findings");
                sum(into, s, "count");
                into.put("threadLocals", union(list(into.get("threadLocals")), list(s.get("threadLocals")), Integer.MAX_VALUE));
            }
            for (Object each : list(report.get("unwatched"))) {
                Map<String, Object> u = map(each);
                sum(group(unwatched, u, "threads"), u, "count");
            }
            for (Object each : list(report.get("internalErrors"))) {
                Map<String, Object> e = map(each);
                sum(group(errors, e, "where", "type"), e, "count");
            }
            for (Map.Entry<String, Object> counter : map(report.get("summary")).entrySet()) {
                if (counter.getValue() instanceof Long) {
                    summary.merge(counter.getKey(), counter.getValue(), (a, b) -> (Long) a + (Long) b);
                }
            }
        }
        List<Map<String, Object>> sorted = new ArrayList<>(findings.values());
        sorted.sort(Comparator.comparingInt(f -> severityRank(f.get("severity"))));
        summary.put("errors", countSeverity(sorted, "ERROR"));
        summary.put("warnings", countSeverity(sorted, "WARNING"));
        summary.put("infos", (long) sorted.size() - countSeverity(sorted, "ERROR") - countSeverity(sorted, "WARNING"));

        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("format", first.get("format"));
        Map<String, Object> jvm = new LinkedHashMap<>(map(first.get("jvm")));
        putIfPresent(jvm, "startedAt", startedAt);
        putIfPresent(jvm, "writtenAt", writtenAt);
        merged.put("jvm", jvm);
        merged.put("options", map(first.get("options")));
        merged.put("findings", new ArrayList<Object>(sorted));
        merged.put("suppressed", new ArrayList<Object>(suppressed.values()));
        merged.put("unwatched", new ArrayList<Object>(unwatched.values()));
        merged.put("summary", summary);
        merged.put("internalErrors", new ArrayList<Object>(errors.values()));
        merged.put("jvms", jvms);
        return merged;
    }

    private static void addFinding(Map<String, Map<String, Object>> findings, Map<String, Object> finding, String label) {
        Map<String, Object> threadLocal = map(finding.get("threadLocal"));
        List<Object> setAt = new ArrayList<>(list(finding.get("setAt")));
        setAt.sort(Comparator.comparing(String::valueOf));
        String key = finding.get("kind") + "\u0000" + threadLocal.get("createdAt") + "\u0000" + threadLocal.get("field")
                + "\u0000" + threadLocal.get("type") + "\u0000" + setAt;
        Map<String, Object> into = findings.get(key);
        if (into == null) {
            into = new LinkedHashMap<>(finding);
            into.put("jvms", new ArrayList<Object>(List.of(label)));
            findings.put(key, into);
            return;
        }
        if (severityRank(finding.get("severity")) < severityRank(into.get("severity"))) {
            into.put("severity", finding.get("severity"));
        }
        into.put("setAt", union(list(into.get("setAt")), list(finding.get("setAt")), MAX_SITES));
        into.put("readAt", union(list(into.get("readAt")), list(finding.get("readAt")), MAX_SITES));
        List<Object> threads = union(list(into.get("threads")), list(finding.get("threads")), MAX_THREADS);
        boolean cut = threads.size() < new LinkedHashSet<>(concat(list(into.get("threads")), list(finding.get("threads")))).size();
        into.put("threads", threads);
        if (into.containsKey("threadsListed")) {
            into.put("threadsListed", (long) threads.size());
        }
        if (into.containsKey("threadsTruncated") || finding.containsKey("threadsTruncated")) {
            into.put("threadsTruncated", cut || Boolean.TRUE.equals(into.get("threadsTruncated"))
                    || Boolean.TRUE.equals(finding.get("threadsTruncated")));
        }
        sum(into, finding, "threadCount"); // threads of different JVMs are different threads
        sum(into, finding, "instances");
        sum(into, finding, "count");
        // strings: parse() refused a source whose finding times are not (ReportShape)
        putIfPresent(into, "firstSeen", earliest((String) into.get("firstSeen"), finding.get("firstSeen")));
        putIfPresent(into, "lastSeen", latest((String) into.get("lastSeen"), finding.get("lastSeen")));
        for (String name : finding.keySet()) {
            Object mine = into.get(name);
            boolean empty = mine == null || (mine instanceof List && ((List<?>) mine).isEmpty());
            if (empty) {
                into.put(name, finding.get(name)); // a stack, a type or a frame only another JVM captured
            }
        }
        List<Object> sources = list(into.get("jvms"));
        if (!sources.contains(label)) {
            List<Object> more = new ArrayList<>(sources);
            more.add(label);
            into.put("jvms", more);
        }
    }

    /** The group of {@code item} by the named fields, created as a copy of it when new (counters then added). */
    private static Map<String, Object> group(Map<String, Map<String, Object>> groups, Map<String, Object> item,
                                             String... keyFields) {
        StringBuilder key = new StringBuilder();
        for (String field : keyFields) {
            key.append(item.get(field)).append('\u0000');
        }
        Map<String, Object> existing = groups.get(key.toString());
        if (existing == null) {
            Map<String, Object> copy = new LinkedHashMap<>(item);
            for (String counter : List.of("count", "findings")) {
                if (copy.get(counter) instanceof Long) {
                    copy.put(counter, 0L);
                }
            }
            groups.put(key.toString(), copy);
            return copy;
        }
        return existing;
    }

    private static void sum(Map<String, Object> into, Map<String, Object> from, String counter) {
        Object a = into.get(counter);
        Object b = from.get(counter);
        long total = (a instanceof Long ? (Long) a : 0) + (b instanceof Long ? (Long) b : 0);
        if (a instanceof Long || b instanceof Long) {
            into.put(counter, total);
        }
    }

    private static List<Object> union(Collection<Object> a, Collection<Object> b, int cap) {
        Set<Object> all = new LinkedHashSet<>(a);
        for (Object value : b) {
            if (all.size() >= cap) {
                break;
            }
            all.add(value);
        }
        return new ArrayList<>(all);
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    private static long countSeverity(List<Map<String, Object>> findings, String severity) {
        long count = 0;
        for (Map<String, Object> finding : findings) {
            if (severity.equals(finding.get("severity"))) {
                count++;
            }
        }
        return count;
    }

    private static int severityRank(Object severity) {
        return ReportView.severityRank(severity instanceof String ? (String) severity : null);
    }

    /** ISO-8601 instants in UTC as the agent writes them compare as text only when equally precise: parse. */
    private static String earliest(String current, Object candidate) {
        return pick(current, candidate, true);
    }

    private static String latest(String current, Object candidate) {
        return pick(current, candidate, false);
    }

    private static String pick(String current, Object candidate, boolean earliest) {
        if (!(candidate instanceof String)) {
            return current;
        }
        if (current == null) {
            return (String) candidate;
        }
        try {
            int order = java.time.Instant.parse(current).compareTo(java.time.Instant.parse((String) candidate));
            return (earliest ? order <= 0 : order >= 0) ? current : (String) candidate;
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            // a report from elsewhere with a bad time: keep the one already taken, the merge goes on
            return current;
        }
    }

    private static void putIfPresent(Map<String, Object> into, String name, Object value) {
        if (value != null) {
            into.put(name, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }
}
