package io.localdrop.agent.cli;

import io.localdrop.agent.html.JsonReader;

import java.util.List;
import java.util.Map;

/** {@code report --format text}: a report as lines a terminal shows, one block per finding, most severe first. */
final class TextReport {
    private TextReport() {
    }

    @SuppressWarnings("unchecked")
    static String render(String json) {
        Map<String, Object> report = (Map<String, Object>) JsonReader.parse(json);
        Map<String, Object> jvm = map(report.get("jvm"));
        Map<String, Object> summary = map(report.get("summary"));
        StringBuilder out = new StringBuilder();
        out.append("localdrop report of JVM ").append(jvm.get("pid")).append(" (Java ").append(jvm.get("javaVersion"))
                .append("), ").append(jvm.get("writtenAt")).append('\n');
        out.append(summary.get("errors")).append(" errors, ").append(summary.get("warnings")).append(" warnings, ")
                .append(summary.get("infos")).append(" infos; ").append(summary.get("suppressed")).append(" suppressed, ")
                .append(summary.get("internalErrors")).append(" internal errors\n");
        for (String severity : List.of("ERROR", "WARNING", "INFO")) {
            for (Object each : list(report.get("findings"))) {
                Map<String, Object> finding = map(each);
                if (!severity.equals(finding.get("severity"))) {
                    continue;
                }
                Map<String, Object> threadLocal = map(finding.get("threadLocal"));
                Object name = threadLocal.get("field") != null ? threadLocal.get("field") : threadLocal.get("type");
                out.append('\n').append(severity).append(' ').append(finding.get("kind")).append(' ').append(name)
                        .append(" (").append(finding.get("count")).append(" times, value ").append(finding.get("valueType"))
                        .append(")\n");
                lines(out, "set at  ", list(finding.get("setAt")));
                lines(out, "read at ", list(finding.get("readAt")));
                if (finding.get("appFrame") != null) {
                    out.append("  app     ").append(finding.get("appFrame")).append('\n');
                }
                out.append("  threads ").append(String.join(", ", strings(list(finding.get("threads"))))).append('\n');
            }
        }
        return Terminal.safe(out.toString());
    }

    private static void lines(StringBuilder out, String label, List<Object> sites) {
        for (Object site : sites) {
            out.append("  ").append(label).append(site).append('\n');
        }
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.toList());
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
