package io.localdrop.maven;

import io.localdrop.testing.Finding;
import io.localdrop.testing.LeakReport;

/** The one-line texts check prints: a finding, a suppression, an agent failure. */
final class FindingLine {
    private FindingLine() {
    }

    /** Kind, severity, ThreadLocal, set line, read line, count and the report's file. */
    static String of(Finding finding, String report) {
        StringBuilder line = new StringBuilder("localdrop: ").append(finding.kindName()).append(" (")
                .append(finding.severity()).append(") ThreadLocal ").append(threadLocal(finding));
        line.append(", set at ").append(finding.setAt().isEmpty() ? "?" : String.join(" | ", finding.setAt()));
        if (!finding.readAt().isEmpty()) {
            line.append(", read at ").append(String.join(" | ", finding.readAt()));
        }
        return line.append(", count ").append(finding.count()).append(" [").append(report).append(']').toString();
    }

    static String of(LeakReport.Suppressed suppressed, String report) {
        return "localdrop: suppressed " + suppressed.findings() + " " + suppressed.kind() + " finding(s) of "
                + suppressed.threadLocal() + " (count " + suppressed.count() + "), reason: " + suppressed.reason()
                + " [" + report + "]";
    }

    static String of(LeakReport.AgentError error, String report) {
        return "localdrop: the agent itself failed in " + error.where() + ": " + error.type()
                + (error.message() == null ? "" : ": " + error.message()) + " (" + error.count() + " time(s)) ["
                + report + "]";
    }

    /** The field, else the creation site, else the type: as the report names the ThreadLocal. */
    private static String threadLocal(Finding finding) {
        Finding.ThreadLocalInfo info = finding.threadLocal();
        if (info.field() != null) {
            return info.field();
        }
        if (info.createdAt() != null) {
            return "created at " + info.createdAt();
        }
        return info.type() == null ? "?" : info.type();
    }
}
