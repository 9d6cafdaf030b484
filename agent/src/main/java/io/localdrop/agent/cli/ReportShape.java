package io.localdrop.agent.cli;

import io.localdrop.json.JsonReader;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape {@link ReportMerge} and the {@code html} command need of each report they are given, checked before
 * anything is merged or rendered: the members docs/report-format.schema.json requires, of the types it gives them,
 * and every count the schema defines (a summary member, a finding's count, thread and instance counts, an internal
 * error's count) a whole number in its range. A report that lacks one, or holds one of another type
 * ({@code "findings": {}}, a finding that is a number, {@code "errors": -3}, {@code "count": 1e30}), is refused with
 * its name and the member's path, instead of being read as empty, or its number clamped, and merged or shown as if
 * the agent had written it. The patterns and bounds of strings and lists are not looked at (the writer keeps those,
 * and a merge copies them).
 */
final class ReportShape {
    private static final Set<String> KINDS = Set.of("BLEED", "TASK_LEAK", "CLASSLOADER_PIN", "EXIT_LEAK", "CACHE",
            "REINIT_LEAK", "DESTRUCTOR_FAILED");
    private static final Set<String> SEVERITIES = Set.of("ERROR", "WARNING", "INFO");

    private ReportShape() {
    }

    /**
     * A report file's text as the map {@link io.localdrop.json.JsonReader} reads, once it is JSON, of the format
     * {@code localdrop-report/1}, holds no number that is not whole, and has the shape {@link #check} asks.
     *
     * @throws IllegalArgumentException naming {@code label} and what is wrong
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String label, String json) {
        Object root;
        try {
            root = JsonReader.parse(json);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(label + ": " + malformed.getMessage(), malformed);
        }
        if (!(root instanceof Map) || !(((Map<String, Object>) root).get("format") instanceof String)
                || !((String) ((Map<String, Object>) root).get("format")).startsWith("localdrop-report/1")) {
            throw new IllegalArgumentException(label + ": not a localdrop-report/1 report");
        }
        Object fraction = fraction(root);
        if (fraction != null) {
            // refused here, by name: the writer refuses it too, once the sources are merged and no longer named
            throw new IllegalArgumentException(label + ": not a localdrop-report/1 report (it holds the number " + fraction
                    + "; a report's numbers are whole)");
        }
        check(label, (Map<String, Object>) root);
        return (Map<String, Object>) root;
    }

    /** The first number in {@code node} that is not a whole one in the range of a long (read as a Double), or null. */
    private static Object fraction(Object node) {
        if (node instanceof Double) {
            return node;
        }
        Collection<?> children = node instanceof Map ? ((Map<?, ?>) node).values()
                : node instanceof List ? (List<?>) node : List.of();
        for (Object child : children) {
            Object found = fraction(child); // the reader's depth limit (64) bounds the recursion
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** @throws IllegalArgumentException naming {@code label} and the first member that is missing or of another type */
    static void check(String label, Map<?, ?> report) {
        String problem = problem(report);
        if (problem != null) {
            throw new IllegalArgumentException(label + ": not a localdrop-report/1 report: " + problem
                    + " (docs/report-format.md)");
        }
    }

    private static String problem(Map<?, ?> report) {
        for (String member : List.of("jvm", "options", "summary")) {
            if (!(report.get(member) instanceof Map)) {
                return missingOr(report, member, "an object");
            }
        }
        for (String member : List.of("findings", "internalErrors")) {
            if (!(report.get(member) instanceof List)) {
                return missingOr(report, member, "a list");
            }
        }
        String summaryProblem = summaryProblem((Map<?, ?>) report.get("summary"));
        if (summaryProblem != null) {
            return summaryProblem;
        }
        List<?> findings = (List<?>) report.get("findings");
        for (int i = 0; i < findings.size(); i++) {
            String problem = findingProblem("findings[" + i + "]", findings.get(i));
            if (problem != null) {
                return problem;
            }
        }
        for (String member : List.of("internalErrors", "suppressed", "unwatched")) {
            Object value = report.get(member);
            if (value == null) {
                continue; // suppressed and unwatched are optional
            }
            if (!(value instanceof List)) {
                return member + " is not a list";
            }
            List<?> entries = (List<?>) value;
            for (int i = 0; i < entries.size(); i++) {
                if (!(entries.get(i) instanceof Map)) {
                    return member + "[" + i + "] is not an object";
                }
            }
        }
        List<?> errors = (List<?>) report.get("internalErrors");
        for (int i = 0; i < errors.size(); i++) {
            Map<?, ?> error = (Map<?, ?>) errors.get(i);
            if (!isCount(error.get("count"), 1)) {
                return missingOr(error, "internalErrors[" + i + "]", "count", wholeNumber(1));
            }
        }
        return null;
    }

    /** The five counts the schema requires, and any other member, each a count (the schema's additionalProperties). */
    private static String summaryProblem(Map<?, ?> summary) {
        for (String member : List.of("threadsSeen", "threadLocalsTracked", "errors", "warnings", "infos")) {
            if (!summary.containsKey(member)) {
                return "summary has no " + member;
            }
        }
        for (Map.Entry<?, ?> member : summary.entrySet()) {
            if (!isCount(member.getValue(), 0)) {
                return "summary." + member.getKey() + " is not " + wholeNumber(0);
            }
        }
        return null;
    }

    private static String findingProblem(String path, Object value) {
        if (!(value instanceof Map)) {
            return path + " is not an object";
        }
        Map<?, ?> finding = (Map<?, ?>) value;
        if (!KINDS.contains(finding.get("kind"))) {
            return missingOr(finding, path, "kind", "one of " + String.join(", ", new java.util.TreeSet<>(KINDS)));
        }
        if (!SEVERITIES.contains(finding.get("severity"))) {
            return missingOr(finding, path, "severity", "ERROR, WARNING or INFO");
        }
        Object threadLocal = finding.get("threadLocal");
        if (!(threadLocal instanceof Map) || !(((Map<?, ?>) threadLocal).get("type") instanceof String)) {
            return missingOr(finding, path, "threadLocal", "an object with a string type");
        }
        for (String member : List.of("setAt", "readAt", "threads")) {
            if (!isStrings(finding.get(member))) {
                return missingOr(finding, path, member, "a list of strings");
            }
        }
        for (String member : List.of("valueType", "valueClassLoader")) {
            if (!finding.containsKey(member) || finding.get(member) != null && !(finding.get(member) instanceof String)) {
                return missingOr(finding, path, member, "a string or null");
            }
        }
        if (!isCount(finding.get("count"), 1)) {
            return missingOr(finding, path, "count", wholeNumber(1));
        }
        for (String member : List.of("threadCount", "threadsListed", "instances")) {
            if (finding.containsKey(member) && !isCount(finding.get(member), 0)) {
                return path + "." + member + " is not " + wholeNumber(0); // optional, but a count when present
            }
        }
        for (String member : List.of("firstSeen", "lastSeen")) {
            if (!(finding.get(member) instanceof String)) {
                return missingOr(finding, path, member, "a string (an instant)");
            }
        }
        return null;
    }

    /**
     * A JSON integer of at least {@code minimum} that a long holds: {@link io.localdrop.json.JsonReader} gives a
     * Long for exactly those, a Double for a fraction, an exponent or a number beyond a long.
     */
    private static boolean isCount(Object value, long minimum) {
        return value instanceof Long && (Long) value >= minimum;
    }

    /** What {@link #isCount} accepts, in a refusal's words. */
    private static String wholeNumber(long minimum) {
        return "a whole number of at least " + minimum;
    }

    private static boolean isStrings(Object value) {
        if (!(value instanceof List)) {
            return false;
        }
        for (Object each : (List<?>) value) {
            if (!(each instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static String missingOr(Map<?, ?> report, String member, String what) {
        return report.containsKey(member) ? member + " is not " + what : "it has no " + member;
    }

    private static String missingOr(Map<?, ?> object, String path, String member, String what) {
        return object.containsKey(member) ? path + "." + member + " is not " + what : path + " has no " + member;
    }
}
