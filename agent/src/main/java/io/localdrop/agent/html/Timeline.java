package io.localdrop.agent.html;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The timeline of the page: one row per finding, an inline SVG bar from its first to its last sighting on
 * the run's time axis (from the earliest of the JVM's start and every first sighting to the latest of the
 * report's writing and every last sighting). Labels are HTML beside the bars, not SVG text, so they keep
 * their size when the bars stretch to a phone's or a wide screen's width.
 */
final class Timeline {
    /** The SVG's own units across; the bars scale to the page's width. */
    private static final double WIDTH = 1000;
    /** A finding seen once is a tick of this width, not an invisible line. */
    private static final double MIN_BAR = 4;
    /** Rows drawn at most (the most severe findings); a report near the agent's bound of findings stays a page. */
    static final int MAX_ROWS = 200;

    private Timeline() {
    }

    static void render(StringBuilder out, Map<String, Object> report, List<Map<String, Object>> findings) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        Map<String, Object> jvm = ReportView.object(report, "jvm");
        long started = millis(ReportView.string(jvm, "startedAt"));
        long written = millis(ReportView.string(jvm, "writtenAt"));
        if (started != Long.MIN_VALUE) {
            start = started;
        }
        if (written != Long.MIN_VALUE) {
            end = written;
        }
        for (Map<String, Object> finding : findings) {
            long first = millis(ReportView.string(finding, "firstSeen"));
            long last = millis(ReportView.string(finding, "lastSeen"));
            if (first != Long.MIN_VALUE) {
                start = Math.min(start, first);
                end = Math.max(end, first);
            }
            if (last != Long.MIN_VALUE) {
                start = Math.min(start, last);
                end = Math.max(end, last);
            }
        }
        out.append("<section id=\"timeline\"><h2>Timeline</h2>");
        if (findings.isEmpty() || start == Long.MAX_VALUE || end == Long.MIN_VALUE) {
            out.append("<p class=\"muted\">No finding to place in time.</p></section>\n");
            return;
        }
        double span = Math.max(1, end - start);
        out.append("<p class=\"muted\">From ").append(Html.text(Instant.ofEpochMilli(start).toString()))
                .append(" to ").append(Html.text(Instant.ofEpochMilli(end).toString()))
                .append(": each bar runs from a finding's first to its last sighting.</p>\n<div class=\"tl\">");
        int rows = Math.min(MAX_ROWS, findings.size());
        for (int i = 0; i < rows; i++) {
            Map<String, Object> finding = findings.get(i);
            String severity = ReportView.string(finding, "severity");
            long first = millis(ReportView.string(finding, "firstSeen"));
            long last = millis(ReportView.string(finding, "lastSeen"));
            out.append("<div class=\"tl-row\"><a class=\"tl-label\" href=\"#finding-").append(i + 1).append("\">#")
                    .append(i + 1).append(' ').append(Html.text(ReportView.string(finding, "kind"))).append("</a>");
            out.append("<svg class=\"tl-bar\" viewBox=\"0 0 ").append((int) WIDTH)
                    .append(" 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"seen from ")
                    .append(Html.text(ReportView.string(finding, "firstSeen"))).append(" to ")
                    .append(Html.text(ReportView.string(finding, "lastSeen"))).append("\">")
                    .append("<rect class=\"tl-track\" x=\"0\" y=\"4\" width=\"").append((int) WIDTH).append("\" height=\"2\"/>");
            if (first != Long.MIN_VALUE && last != Long.MIN_VALUE) {
                double x = (first - start) / span * WIDTH;
                double width = Math.max(MIN_BAR, (Math.max(first, last) - first) / span * WIDTH);
                x = Math.min(x, WIDTH - width);
                out.append("<rect class=\"tl-seen sev-").append(Html.text(severity)).append("\" x=\"")
                        .append(format(x)).append("\" y=\"0\" width=\"").append(format(width)).append("\" height=\"10\">")
                        .append("<title>").append(Html.text(ReportView.string(finding, "firstSeen"))).append(" .. ")
                        .append(Html.text(ReportView.string(finding, "lastSeen"))).append("</title></rect>");
            }
            out.append("</svg></div>\n");
        }
        out.append("</div>");
        if (rows < findings.size()) {
            out.append("<p class=\"muted\">The first ").append(rows).append(" of ").append(findings.size())
                    .append(" findings, most severe first.</p>");
        }
        out.append("</section>\n");
    }

    private static String format(double units) {
        return String.format(java.util.Locale.ROOT, "%.1f", units);
    }

    /** Epoch milliseconds of an ISO-8601 instant, or {@code Long.MIN_VALUE} when absent or not one. */
    static long millis(String instant) {
        if (instant == null) {
            return Long.MIN_VALUE;
        }
        try {
            return Instant.parse(instant).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            // a report from elsewhere with a bad time: that finding gets no bar, the page still renders
            return Long.MIN_VALUE;
        }
    }
}
