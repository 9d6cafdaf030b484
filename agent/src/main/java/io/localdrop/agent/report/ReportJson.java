package io.localdrop.agent.report;

import io.localdrop.agent.findings.Census;
import io.localdrop.agent.findings.Finding;
import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.findings.TlRegistry;
import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.tasks.UnwatchedThreads;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders the report of agent.md ("The report (JSON)"), format {@code localdrop-report/1}: never a value's
 * contents, only class names, loader names, sites, thread names and counts. Fields beyond the contract
 * (added, never renamed): {@code setStack}/{@code readStack} per finding (the callers of the storing and
 * reading sites, so a finding inside a library also names the application's own lines), and
 * {@code findingsDropped}/{@code threadLocalsUntracked}/{@code sites} in the summary, and {@code unwatched}: the
 * pooled-looking threads, by name pattern, that stored values but never saw a task boundary.
 */
public final class ReportJson {
    private static final long STARTED = System.currentTimeMillis();

    private ReportJson() {
    }

    public static String render(AgentOptions options) {
        List<Finding> findings = Findings.all();
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
        int errors = 0;
        int warnings = 0;
        int infos = 0;
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            out.append(i == 0 ? "\n" : ",\n");
            finding(out, finding);
            FindingKind.Severity severity = finding.severity();
            if (severity == FindingKind.Severity.ERROR) {
                errors++;
            } else if (severity == FindingKind.Severity.WARNING) {
                warnings++;
            } else {
                infos++;
            }
        }
        out.append(findings.isEmpty() ? "],\n" : "\n  ],\n");
        unwatched(out);
        out.append("  \"summary\": { \"threadsSeen\": ").append(Census.threadsSeen())
                .append(", \"threadLocalsTracked\": ").append(TlRegistry.size())
                .append(", \"errors\": ").append(errors)
                .append(", \"warnings\": ").append(warnings)
                .append(", \"infos\": ").append(infos)
                .append(", \"findingsDropped\": ").append(Findings.dropped())
                .append(", \"threadLocalsUntracked\": ").append(TlRegistry.untracked())
                .append(", \"sites\": ").append(io.localdrop.agent.sites.SiteRegistry.size())
                .append(" }\n}\n");
        return out.toString();
    }

    /** Pooled-looking threads that stored values but never saw a task boundary ({@link UnwatchedThreads}). */
    private static void unwatched(StringBuilder out) {
        List<UnwatchedThreads.Group> groups = UnwatchedThreads.census();
        out.append("  \"unwatched\": [");
        for (int i = 0; i < groups.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n").append("    { \"threads\": ");
            Json.string(out, groups.get(i).pattern);
            out.append(", \"count\": ").append(groups.get(i).threads).append(" }");
        }
        out.append(groups.isEmpty() ? "],\n" : "\n  ],\n");
    }

    private static void finding(StringBuilder out, Finding finding) {
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
        out.append(",\n      \"count\": ").append(finding.count());
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
