package io.localdrop.agent.report;

import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.tasks.UnwatchedThreads;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders the report, format {@code localdrop-report/1} (docs/report-format.md): never a value's contents,
 * only class names, loader names, sites, thread names and counts. Fields beyond the first contract (added,
 * never renamed): {@code setStack}/{@code readStack} per finding (the callers of the storing and reading
 * sites, so a finding inside a library also names the application's own lines; {@code appFrame}/{@code
 * readAppFrame}, their first frame outside the site's library), {@code threadCount}/{@code threadsListed}/{@code
 * threadsTruncated} (threads by identity, names listed up to a cap), {@code instances} (ThreadLocals grouped by
 * creation site), {@code classifiedBy} (the classification rule that decided),
 * {@code findingsDropped}/{@code threadLocalsUntracked}/{@code sites}/{@code suppressed}/{@code internalErrors}
 * in the summary, the top-level {@code suppressed} list (option {@code suppress}: per entry its kind, ThreadLocal,
 * reason, line, and the findings and occurrences it took out of {@code findings}) and the top-level
 * {@code internalErrors} list (the agent's own failures: where, type, message, count), and {@code unwatched}: the
 * pooled-looking threads, by name pattern, that stored values but never saw a task boundary.
 *
 * <p>One section per method, all written through one {@link JsonWriter}.
 */
public final class ReportJson {
    static final String FORMAT = "localdrop-report/1";

    private ReportJson() {
    }

    /** The report of the agent's state now. */
    public static String render(AgentOptions options) {
        return render(ReportContent.take(options));
    }

    /** The report of {@code snapshot} (the final report and the summary share one). */
    static String render(AgentOptions options, ReportSnapshot snapshot) {
        return render(ReportContent.take(options, snapshot));
    }

    static String render(ReportContent report) {
        JsonWriter json = new JsonWriter(1024 + report.findings.size() * 512);
        json.beginObject().field("format", FORMAT);
        jvm(json, report);
        options(json, report.options);
        findings(json, report.findings);
        suppressed(json, report.suppressed);
        unwatched(json, report.unwatched);
        summary(json, report);
        internalErrors(json, report.internalErrors);
        return json.endObject().finish();
    }

    private static void jvm(JsonWriter json, ReportContent report) {
        json.name("jvm").beginInlineObject()
                .field("pid", report.pid)
                .field("javaVersion", report.javaVersion)
                .field("startedAt", instant(report.startedAt))
                .field("writtenAt", instant(report.writtenAt))
                .endObject();
    }

    /** The mode always (the default when not given), then every option as given. */
    private static void options(JsonWriter json, AgentOptions options) {
        json.name("options").beginInlineObject().field("mode", options.mode().optionValue());
        for (Map.Entry<String, String> option : options.given().entrySet()) {
            if (!"mode".equals(option.getKey())) {
                json.field(option.getKey(), option.getValue());
            }
        }
        json.endObject();
    }

    private static void findings(JsonWriter json, List<ReportedFinding> findings) {
        json.name("findings").beginArray();
        for (int i = 0; i < findings.size(); i++) {
            finding(json, findings.get(i));
        }
        json.endArray();
    }

    private static void finding(JsonWriter json, ReportedFinding finding) {
        json.beginObject().field("kind", finding.kind).field("severity", finding.severity);
        json.name("threadLocal").beginInlineObject()
                .fieldIfPresent("createdAt", finding.createdAt)
                .fieldIfPresent("field", finding.field)
                .field("type", finding.type)
                .endObject();
        json.strings("setAt", finding.setAt)
                .strings("readAt", finding.readAt)
                .field("valueType", finding.valueType)
                .field("valueClassLoader", finding.valueClassLoader)
                .strings("threads", finding.threads)
                .field("threadCount", finding.threadCount)
                .field("threadsListed", finding.threads.size());
        json.name("threadsTruncated").value(finding.threadsTruncated);
        if (finding.threadCountCapped) {
            json.name("threadCountCapped").value(true);
        }
        json.field("instances", finding.instances)
                .fieldIfPresent("classifiedBy", finding.classifiedBy)
                .field("count", finding.count)
                .field("firstSeen", instant(finding.firstSeen))
                .field("lastSeen", instant(finding.lastSeen))
                .strings("setStack", finding.setStack)
                .fieldIfPresent("appFrame", finding.appFrame)
                .strings("readStack", finding.readStack)
                .fieldIfPresent("readAppFrame", finding.readAppFrame)
                .endObject();
    }

    /** One object per suppression entry: what it names, why, and what it took out of the findings. */
    private static void suppressed(JsonWriter json, List<ReportContent.ReportedSuppression> entries) {
        json.name("suppressed").beginArray();
        for (int i = 0; i < entries.size(); i++) {
            ReportContent.ReportedSuppression entry = entries.get(i);
            json.beginInlineObject()
                    .field("kind", entry.kind)
                    .field("threadLocal", entry.threadLocal)
                    .field("reason", entry.reason)
                    .field("line", entry.line)
                    .field("findings", entry.findings)
                    .field("count", entry.count)
                    .strings("threadLocals", entry.threadLocals)
                    .endObject();
        }
        json.endArray();
    }

    /** Pooled-looking threads that stored values but never saw a task boundary ({@link UnwatchedThreads}). */
    private static void unwatched(JsonWriter json, List<UnwatchedThreads.Group> groups) {
        json.name("unwatched").beginArray();
        for (int i = 0; i < groups.size(); i++) {
            json.beginInlineObject()
                    .field("threads", groups.get(i).pattern)
                    .field("count", groups.get(i).threads)
                    .endObject();
        }
        json.endArray();
    }

    private static void summary(JsonWriter json, ReportContent report) {
        long errors = 0;
        long warnings = 0;
        long infos = 0;
        for (int i = 0; i < report.findings.size(); i++) {
            String severity = report.findings.get(i).severity;
            if ("ERROR".equals(severity)) {
                errors++;
            } else if ("WARNING".equals(severity)) {
                warnings++;
            } else {
                infos++;
            }
        }
        json.name("summary").beginInlineObject()
                .field("threadsSeen", report.threadsSeen)
                .field("threadLocalsTracked", report.threadLocalsTracked)
                .field("errors", errors)
                .field("warnings", warnings)
                .field("infos", infos)
                .field("findingsDropped", report.findingsDropped)
                .field("threadLocalsUntracked", report.threadLocalsUntracked)
                .field("sites", report.sites)
                .field("suppressed", report.suppressedFindings)
                .field("internalErrors", report.internalErrorsTotal)
                .endObject();
    }

    /** The agent's own failures, one line each: a report with entries here may be missing findings. */
    private static void internalErrors(JsonWriter json, List<ReportContent.ReportedError> errors) {
        json.name("internalErrors").beginArray();
        for (int i = 0; i < errors.size(); i++) {
            ReportContent.ReportedError error = errors.get(i);
            json.beginInlineObject()
                    .field("where", error.where)
                    .field("type", error.type)
                    .field("message", error.message)
                    .field("count", error.count)
                    .endObject();
        }
        json.endArray();
    }

    private static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
