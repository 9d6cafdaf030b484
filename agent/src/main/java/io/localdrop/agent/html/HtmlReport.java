package io.localdrop.agent.html;

import io.localdrop.json.JsonReader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@code localdrop-report/1} report as one self-contained HTML page: the summary first (counts by
 * severity and kind, the JVM or JVMs, options, suppressed, unwatched threads, internal errors), a timeline,
 * then the findings most severe first, each with its ThreadLocal, set and read lines, application frame,
 * value type, threads, counts and collapsible stacks.
 *
 * <p>Safe to open from anywhere: the page holds no script and forbids any (a Content-Security-Policy of
 * {@code default-src 'none'}), loads nothing from the network, and every string from the report is escaped
 * ({@link Html#text}). A report holds no value's contents, so neither does the page.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * The page for a report's JSON text (a single JVM's report or a merged one).
     *
     * @throws IllegalArgumentException if the text is not JSON, or not a {@code localdrop-report/1} object
     */
    public static String render(String reportJson) {
        Object parsed = JsonReader.parse(reportJson);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("not a localdrop report: the JSON text is not an object");
        }
        String format = ReportView.string(parsed, "format");
        if (format == null || !format.startsWith("localdrop-report/1")) {
            throw new IllegalArgumentException("not a localdrop-report/1 report (format is " + format + ")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) parsed;
        return render(report);
    }

    /** The page for a parsed report (the command-line tool's {@code html}, which checked its shape first). */
    public static String render(Map<String, Object> report) {
        List<Map<String, Object>> findings = mostSevereFirst(report);
        StringBuilder out = new StringBuilder(8192 + findings.size() * 2048);
        head(out, report);
        out.append("<body><main>\n<header><h1>localdrop report</h1>");
        Map<String, Object> jvm = ReportView.object(report, "jvm");
        out.append("<p class=\"muted\">JVM ").append(Html.text(ReportView.string(jvm, "pid")))
                .append(" &middot; Java ").append(Html.text(ReportView.string(jvm, "javaVersion")))
                .append(" &middot; written ").append(Html.text(ReportView.string(jvm, "writtenAt"))).append("</p></header>\n");
        SummarySection.render(out, report, findings);
        Timeline.render(out, report, findings);
        out.append("<section id=\"findings\"><h2>Findings</h2>\n");
        if (findings.isEmpty()) {
            out.append("<p>No findings.</p>\n");
        }
        for (int i = 0; i < findings.size(); i++) {
            FindingSection.render(out, i + 1, findings.get(i));
        }
        out.append("</section>\n</main></body></html>\n");
        return out.toString();
    }

    /** The findings, ERROR before WARNING before INFO, the report's order kept within a severity. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> mostSevereFirst(Map<String, Object> report) {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Object finding : ReportView.list(report, "findings")) {
            if (finding instanceof Map) {
                findings.add((Map<String, Object>) finding);
            }
        }
        findings.sort(Comparator.comparingInt(finding -> ReportView.severityRank(ReportView.string(finding, "severity"))));
        return findings;
    }

    /** Counts per kind, in the order kinds first appear among the sorted findings. */
    static Map<String, Long> countsByKind(List<Map<String, Object>> findings) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map<String, Object> finding : findings) {
            counts.merge(String.valueOf(ReportView.string(finding, "kind")), 1L, Long::sum);
        }
        return counts;
    }

    private static void head(StringBuilder out, Map<String, Object> report) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"generator\" content=\"localdrop\">")
                .append("<title>localdrop report: ")
                .append(Html.text(ReportView.string(ReportView.object(report, "jvm"), "pid")))
                .append("</title><style>").append(STYLE).append("</style></head>\n");
    }

    /** System fonts only (no download); one column on a phone, the width of a wide screen used to 75rem. */
    private static final String STYLE = ""
            + ":root{color-scheme:light dark;--err:#c62828;--warn:#b26a00;--info:#1565c0;--muted:#6b6b6b;--line:#8884}"
            + "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}"
            + "main{max-width:75rem;margin:0 auto;padding:1rem}"
            + "h1{margin:.2rem 0}h2{border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:1.6rem}"
            + "code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}"
            + ".muted{color:var(--muted)}"
            + ".cards{display:flex;flex-wrap:wrap;gap:.6rem}"
            + ".card{border:1px solid var(--line);border-radius:.5rem;padding:.5rem .9rem;min-width:6.5rem}"
            + ".card b{display:block;font-size:1.6rem}"
            + ".sev-ERROR{color:var(--err)}.sev-WARNING{color:var(--warn)}.sev-INFO{color:var(--info)}"
            + "table{border-collapse:collapse;width:100%;margin:.4rem 0}"
            + "th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}"
            + "th{white-space:nowrap;overflow-wrap:normal}"
            + ".grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 1.2rem}"
            + "article{border:1px solid var(--line);border-left:.4rem solid currentColor;border-radius:.4rem;padding:.6rem .9rem;margin:.8rem 0}"
            + "article>*{color:CanvasText}article h3{margin:.1rem 0 .4rem}"
            + "dl{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.2rem .8rem;margin:.3rem 0}"
            + "dt{font-weight:600}dd{margin:0;min-width:0}"
            + "ul.sites,ol.stack{margin:0;padding-left:1.2rem}"
            + "details{margin:.3rem 0}summary{cursor:pointer}"
            + ".tl-row{display:flex;align-items:center;gap:.6rem;margin:.15rem 0}"
            + ".tl-label{flex:0 0 8.5rem;font-size:.85rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}"
            + ".tl-bar{flex:1;height:.8rem;min-width:0}"
            + ".tl-track{fill:var(--line)}.tl-seen{fill:currentColor}"
            + "@media (max-width:40rem){main{padding:.6rem}dl{grid-template-columns:1fr}dt{margin-top:.3rem}.tl-label{flex-basis:6rem}}";
}
