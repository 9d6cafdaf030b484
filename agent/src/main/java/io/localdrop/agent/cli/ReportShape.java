package io.localdrop.agent.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape {@link ReportMerge} needs of each report it is given, checked before anything is merged: the members
 * docs/report-format.schema.json requires, of the types it gives them. A report that lacks one, or holds one of
 * another type ({@code "findings": {}}, a finding that is a number), is refused with its name and the member's path,
 * instead of being read as empty and merged into a report that no reader of the format accepts. Members the schema
 * leaves optional are not looked at; neither are the patterns and bounds of strings and lists (the writer keeps
 * those, and a merge copies them).
 */
final class ReportShape {
    private static final Set<String> KINDS = Set.of("BLEED", "TASK_LEAK", "CLASSLOADER_PIN", "EXIT_LEAK", "CACHE",
            "REINIT_LEAK", "DESTRUCTOR_FAILED");
    private static final Set<String> SEVERITIES = Set.of("ERROR", "WARNING", "INFO");

    private ReportShape() {
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
        Object count = finding.get("count");
        if (!(count instanceof Long) || (Long) count < 1) {
            return missingOr(finding, path, "count", "a whole number of at least 1");
        }
        for (String member : List.of("firstSeen", "lastSeen")) {
            if (!(finding.get(member) instanceof String)) {
                return missingOr(finding, path, member, "a string (an instant)");
            }
        }
        return null;
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
