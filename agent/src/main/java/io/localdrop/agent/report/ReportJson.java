package io.localdrop.agent.report;

import io.localdrop.agent.findings.Census;
import io.localdrop.agent.findings.Finding;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.findings.TlRegistry;
import io.localdrop.agent.options.AgentOptions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders the report of agent.md ("The report (JSON)"), format {@code localdrop-report/1}: never a value's
 * contents, only class names, loader names, sites, thread names and counts. Fields beyond the contract
 * (added, never renamed): {@code setStack}/{@code readStack} per finding (the callers of the storing and
 * reading sites, so a finding inside a library also names the application's own lines), and
 * {@code findingsDropped}/{@code threadLocalsUntracked}/{@code sites}/{@code suppressed} in the summary, and
 * {@code suppressed} (option {@code suppress}: per entry its kind, ThreadLocal, reason, line, and the findings and
 * occurrences it took out of {@code findings}).
 */
public final class ReportJson {
    private static final long STARTED = System.currentTimeMillis();

    private ReportJson() {
    }

    public static String render(AgentOptions options) {
        return render(options, ReportSnapshot.take(options.suppressions()));
    }

    /** The report of {@code snapshot} (the final report and the summary share one). */
    static String render(AgentOptions options, ReportSnapshot snapshot) {
        List<Finding> findings = snapshot.findings;
        StringBuilder out = new StringBuilder(1024 + findings.size() * 512);
        out.append("{\n  \"format\": \"localdrop-report/1\",\n  \"jvm\": { \"pid\": ")
                .append(ProcessHandle.current().pid()).append(", \"javaVersion\": ");
        Json.string(out, System.getProperty("java.version"));
        out.append(", \"startedAt\": ");
        Json.string(out, Instant.ofEpochMilli(startedAt()).toString());
        out.append(", \"writtenAt\": ");
        Json.string(out, Instant.now().toString());
        out.append(" },\n  \"options\": { \"mode\": ");
        Json.string(out, options.mode().name().toLowerCase(java.util.Locale.ROOT));
        for (Map.Entry<String, String> option : options.given().entrySet()) {
            if (!"mode".equals(option.getKey())) {
                out.append(", ");
                Json.string(out, option.getKey());
                out.append(": ");
                Json.string(out, option.getValue());
            }
        }
        out.append(" },\n  \"findings\": [");
        for (int i = 0; i < findings.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            finding(out, findings.get(i), snapshot.counts[i]);
        }
        out.append(findings.isEmpty() ? "],\n" : "\n  ],\n");
        suppressed(out, snapshot.suppressed);
        out.append("  \"summary\": { \"threadsSeen\": ").append(Census.threadsSeen())
                .append(", \"threadLocalsTracked\": ").append(TlRegistry.size())
                .append(", \"errors\": ").append(snapshot.errors)
                .append(", \"warnings\": ").append(snapshot.warnings)
                .append(", \"infos\": ").append(snapshot.infos)
                .append(", \"findingsDropped\": ").append(Findings.dropped())
                .append(", \"threadLocalsUntracked\": ").append(TlRegistry.untracked())
                .append(", \"sites\": ").append(io.localdrop.agent.sites.SiteRegistry.size())
                .append(", \"suppressed\": ").append(snapshot.suppressedFindings)
                .append(" }\n}\n");
        return out.toString();
    }

    /** One object per suppression entry: what it names, why, and what it took out of the findings. */
    private static void suppressed(StringBuilder out, List<ReportSnapshot.SuppressedTally> tallies) {
        out.append("  \"suppressed\": [");
        for (int i = 0; i < tallies.size(); i++) {
            ReportSnapshot.SuppressedTally tally = tallies.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    { \"kind\": \"").append(tally.entry.kind().name())
                    .append("\", \"threadLocal\": ");
            Json.string(out, tally.entry.threadLocal());
            out.append(", \"reason\": ");
            Json.string(out, tally.entry.reason());
            out.append(", \"line\": ").append(tally.entry.line())
                    .append(", \"findings\": ").append(tally.findings)
                    .append(", \"count\": ").append(tally.count)
                    .append(", \"threadLocals\": ");
            Json.strings(out, tally.threadLocals);
            out.append(" }");
        }
        out.append(tallies.isEmpty() ? "],\n" : "\n  ],\n");
    }

    private static void finding(StringBuilder out, Finding finding, long count) {
        out.append("    {\n      \"kind\": \"").append(finding.kind().name()).append("\",\n      \"severity\": \"")
                .append(finding.severity().name()).append("\",\n      \"threadLocal\": { ");
        boolean first = true;
        if (finding.createdAt() != null) {
            out.append("\"createdAt\": ");
            Json.string(out, finding.createdAt());
            first = false;
        }
        if (finding.field() != null) {
            out.append(first ? "" : ", ").append("\"field\": ");
            Json.string(out, finding.field());
            first = false;
        }
        out.append(first ? "" : ", ").append("\"type\": ");
        Json.string(out, finding.type());
        out.append(" },\n      \"setAt\": ");
        Json.strings(out, finding.setAt());
        out.append(",\n      \"readAt\": ");
        Json.strings(out, finding.readAt());
        out.append(",\n      \"valueType\": ");
        Json.string(out, finding.valueType());
        out.append(",\n      \"valueClassLoader\": ");
        Json.string(out, finding.valueClassLoader());
        out.append(",\n      \"threads\": ");
        Json.strings(out, finding.threads());
        out.append(",\n      \"count\": ").append(count);
        out.append(",\n      \"firstSeen\": ");
        Json.string(out, Instant.ofEpochMilli(finding.firstSeen()).toString());
        out.append(",\n      \"lastSeen\": ");
        Json.string(out, Instant.ofEpochMilli(finding.lastSeen()).toString());
        out.append(",\n      \"setStack\": ");
        Json.strings(out, finding.setStack());
        out.append(",\n      \"readStack\": ");
        Json.strings(out, finding.readStack());
        out.append("\n    }");
    }

    private static long startedAt() {
        try {
            return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(STARTED);
        } catch (Throwable unavailable) {
            return STARTED;
        }
    }
}
