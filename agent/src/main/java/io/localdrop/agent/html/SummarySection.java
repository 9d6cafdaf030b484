package io.localdrop.agent.html;

import java.util.List;
import java.util.Map;

/** The page's first section: what a reader needs before the findings, each part only when it has content. */
final class SummarySection {
    private SummarySection() {
    }

    static void render(StringBuilder out, Map<String, Object> report, List<Map<String, Object>> findings) {
        Map<String, Object> summary = ReportView.object(report, "summary");
        out.append("<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">");
        card(out, "sev-ERROR", count(findings, "ERROR"), "errors");
        card(out, "sev-WARNING", count(findings, "WARNING"), "warnings");
        card(out, "sev-INFO", count(findings, "INFO"), "infos");
        card(out, "", ReportView.number(summary, "suppressed"), "suppressed");
        card(out, "", ReportView.number(summary, "internalErrors"), "internal errors");
        out.append("</div>\n<div class=\"grid\">");

        out.append("<div><h3>By kind</h3><table><tr><th>kind</th><th>findings</th></tr>");
        for (Map.Entry<String, Long> kind : HtmlReport.countsByKind(findings).entrySet()) {
            out.append("<tr><td>").append(Html.text(kind.getKey())).append("</td><td>").append(kind.getValue()).append("</td></tr>");
        }
        out.append("</table></div>");

        Map<String, Object> jvm = ReportView.object(report, "jvm");
        out.append("<div><h3>JVM</h3>");
        pairs(out, jvm);
        out.append("</div>");

        out.append("<div><h3>Options</h3>");
        pairs(out, ReportView.object(report, "options"));
        out.append("</div>");

        out.append("<div><h3>Totals</h3>");
        pairs(out, summary);
        out.append("</div></div>\n");

        List<Object> jvms = ReportView.list(report, "jvms");
        if (!jvms.isEmpty()) {
            out.append("<h3>Merged JVMs</h3>");
            table(out, jvms, "source", "pid", "javaVersion", "startedAt", "writtenAt");
        }
        List<Object> suppressed = ReportView.list(report, "suppressed");
        if (!suppressed.isEmpty()) {
            out.append("<h3>Suppressed</h3>");
            table(out, suppressed, "kind", "threadLocal", "reason", "line", "findings", "count");
        }
        List<Object> unwatched = ReportView.list(report, "unwatched");
        if (!unwatched.isEmpty()) {
            out.append("<h3>Unwatched threads</h3><p class=\"muted\">Pooled-looking threads that stored values"
                    + " but never saw a task boundary: add a taskBoundary for them.</p>");
            table(out, unwatched, "threads", "count");
        }
        List<Object> errors = ReportView.list(report, "internalErrors");
        if (!errors.isEmpty()) {
            out.append("<h3>Internal errors</h3><p class=\"muted\">The agent's own failures:"
                    + " this report may be missing findings.</p>");
            table(out, errors, "where", "type", "message", "count");
        }
        out.append("</section>\n");
    }

    private static long count(List<Map<String, Object>> findings, String severity) {
        long count = 0;
        for (Map<String, Object> finding : findings) {
            if (severity.equals(ReportView.string(finding, "severity"))) {
                count++;
            }
        }
        return count;
    }

    private static void card(StringBuilder out, String cssClass, long value, String label) {
        out.append("<div class=\"card ").append(cssClass).append("\"><b>").append(value).append("</b>")
                .append(Html.text(label)).append("</div>");
    }

    /** A two-column table of an object's scalar members. */
    private static void pairs(StringBuilder out, Map<String, Object> object) {
        out.append("<table>");
        for (String name : object.keySet()) {
            out.append("<tr><th>").append(Html.text(name)).append("</th><td class=\"mono\">")
                    .append(Html.text(ReportView.string(object, name))).append("</td></tr>");
        }
        out.append("</table>");
    }

    private static void table(StringBuilder out, List<Object> rows, String... columns) {
        out.append("<table><tr>");
        for (String column : columns) {
            out.append("<th>").append(Html.text(column)).append("</th>");
        }
        out.append("</tr>");
        for (Object row : rows) {
            out.append("<tr>");
            for (String column : columns) {
                out.append("<td>").append(Html.text(ReportView.string(row, column))).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</table>");
    }
}
