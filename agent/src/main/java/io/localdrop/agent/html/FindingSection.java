package io.localdrop.agent.html;

import java.util.List;
import java.util.Map;

/** One finding as an {@code <article>}: what a reader fixes from, then the stacks folded away. */
final class FindingSection {
    /** Shown inline; the rest of a long thread list is folded. */
    private static final int THREADS_SHOWN = 4;

    private FindingSection() {
    }

    static void render(StringBuilder out, int number, Map<String, Object> finding) {
        String kind = ReportView.string(finding, "kind");
        String severity = ReportView.string(finding, "severity");
        Map<String, Object> threadLocal = ReportView.object(finding, "threadLocal");
        out.append("<article id=\"finding-").append(number).append("\" class=\"finding sev-").append(Html.text(severity))
                .append("\" data-kind=\"").append(Html.text(kind)).append("\">");
        out.append("<h3><span class=\"sev-").append(Html.text(severity)).append("\">#").append(number).append(' ')
                .append(Html.text(kind)).append("</span> <small class=\"muted\">").append(Html.text(severity))
                .append("</small></h3><dl>");
        String field = ReportView.string(threadLocal, "field");
        term(out, "ThreadLocal", field != null ? field : ReportView.string(threadLocal, "type"));
        if (field != null) {
            term(out, "type", ReportView.string(threadLocal, "type"));
        }
        term(out, "created at", ReportView.string(threadLocal, "createdAt"));
        sites(out, "set at", ReportView.strings(finding, "setAt"));
        sites(out, "read at", ReportView.strings(finding, "readAt"));
        term(out, "application frame", ReportView.string(finding, "appFrame"));
        term(out, "read app frame", ReportView.string(finding, "readAppFrame"));
        term(out, "value type", ReportView.string(finding, "valueType"));
        term(out, "value loader", ReportView.string(finding, "valueClassLoader"));
        term(out, "classified by", ReportView.string(finding, "classifiedBy")); // the rule of docs/diagnose.md
        out.append("<dt>count</dt><dd>").append(ReportView.number(finding, "count")).append("</dd>");
        String threadCount = ReportView.string(finding, "threadCount");
        if (threadCount != null) {
            // capped: the agent stopped counting distinct threads at its bound, so the count is a floor
            boolean capped = "true".equals(ReportView.string(finding, "threadCountCapped"));
            out.append("<dt>threads seen</dt><dd>").append(capped ? "at least " : "").append(Html.text(threadCount))
                    .append("</dd>");
        }
        threads(out, ReportView.strings(finding, "threads"));
        term(out, "first seen", ReportView.string(finding, "firstSeen"));
        term(out, "last seen", ReportView.string(finding, "lastSeen"));
        List<String> jvms = ReportView.strings(finding, "jvms");
        if (!jvms.isEmpty()) {
            out.append("<dt>JVMs</dt><dd>").append(jvms.size()).append(": ");
            joined(out, jvms);
            out.append("</dd>");
        }
        out.append("</dl>");
        stack(out, "set stack", ReportView.strings(finding, "setStack"));
        stack(out, "read stack", ReportView.strings(finding, "readStack"));
        out.append("</article>\n");
    }

    /** A term and its value in code type; nothing when the value is absent. */
    private static void term(StringBuilder out, String term, String value) {
        if (value == null) {
            return;
        }
        out.append("<dt>").append(Html.text(term)).append("</dt><dd><code>").append(Html.text(value)).append("</code></dd>");
    }

    private static void sites(StringBuilder out, String term, List<String> sites) {
        out.append("<dt>").append(Html.text(term)).append("</dt><dd>");
        if (sites.isEmpty()) {
            out.append("<span class=\"muted\">none seen</span>");
        } else {
            out.append("<ul class=\"sites\">");
            for (String site : sites) {
                out.append("<li><code>").append(Html.text(site)).append("</code></li>");
            }
            out.append("</ul>");
        }
        out.append("</dd>");
    }

    private static void threads(StringBuilder out, List<String> threads) {
        out.append("<dt>threads</dt><dd>");
        joined(out, threads.subList(0, Math.min(THREADS_SHOWN, threads.size())));
        if (threads.size() > THREADS_SHOWN) {
            out.append("<details><summary>").append(threads.size() - THREADS_SHOWN).append(" more</summary>");
            joined(out, threads.subList(THREADS_SHOWN, threads.size()));
            out.append("</details>");
        }
        out.append("</dd>");
    }

    private static void joined(StringBuilder out, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ", ").append("<code>").append(Html.text(names.get(i))).append("</code>");
        }
    }

    private static void stack(StringBuilder out, String title, List<String> frames) {
        if (frames.isEmpty()) {
            return;
        }
        out.append("<details class=\"stack\"><summary>").append(Html.text(title)).append(" (").append(frames.size())
                .append(" frames)</summary><ol class=\"stack\">");
        for (String frame : frames) {
            out.append("<li><code>").append(Html.text(frame)).append("</code></li>");
        }
        out.append("</ol></details>");
    }
}
