package io.localdrop.agent.cli;

import io.localdrop.json.JsonReader;
import io.localdrop.agent.html.ReportView;

import java.util.List;
import java.util.Map;

/** {@code report --format text}: a report as lines a terminal shows, one block per finding, most severe first. */
final class TextReport {
    private TextReport() {
    }

    static String render(String json) {
        Object report = JsonReader.parse(json);
        Map<String, Object> jvm = ReportView.object(report, "jvm");
        Map<String, Object> summary = ReportView.object(report, "summary");
        StringBuilder out = new StringBuilder();
        out.append("localdrop report of JVM ").append(ReportView.string(jvm, "pid")).append(" (Java ")
                .append(ReportView.string(jvm, "javaVersion")).append("), ").append(ReportView.string(jvm, "writtenAt"))
                .append('\n');
        out.append(ReportView.number(summary, "errors")).append(" errors, ").append(ReportView.number(summary, "warnings"))
                .append(" warnings, ").append(ReportView.number(summary, "infos")).append(" infos; ")
                .append(ReportView.number(summary, "suppressed")).append(" suppressed, ")
                .append(ReportView.number(summary, "internalErrors")).append(" internal errors\n");
        for (String severity : List.of("ERROR", "WARNING", "INFO")) {
            for (Object finding : ReportView.list(report, "findings")) {
                if (!severity.equals(ReportView.string(finding, "severity"))) {
                    continue;
                }
                Map<String, Object> threadLocal = ReportView.object(finding, "threadLocal");
                String field = ReportView.string(threadLocal, "field");
                out.append('\n').append(severity).append(' ').append(ReportView.string(finding, "kind")).append(' ')
                        .append(field != null ? field : ReportView.string(threadLocal, "type"))
                        .append(" (").append(ReportView.number(finding, "count")).append(" times, value ")
                        .append(ReportView.string(finding, "valueType")).append(")\n");
                lines(out, "set at  ", ReportView.strings(finding, "setAt"));
                lines(out, "read at ", ReportView.strings(finding, "readAt"));
                String appFrame = ReportView.string(finding, "appFrame");
                if (appFrame != null) {
                    out.append("  app     ").append(appFrame).append('\n');
                }
                String rule = ReportView.string(finding, "classifiedBy");
                if (rule != null) {
                    out.append("  rule    ").append(rule).append('\n'); // why this verdict (docs/diagnose.md)
                }
                out.append("  threads ").append(String.join(", ", ReportView.strings(finding, "threads"))).append('\n');
            }
        }
        return Terminal.safe(out.toString());
    }

    private static void lines(StringBuilder out, String label, List<String> sites) {
        for (String site : sites) {
            out.append("  ").append(label).append(site).append('\n');
        }
    }
}
