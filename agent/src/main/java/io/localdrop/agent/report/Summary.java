package io.localdrop.agent.report;

import io.localdrop.agent.findings.Finding;
import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.tasks.UnwatchedThreads;

import java.nio.file.Path;
import java.util.List;

/**
 * The summary of the findings printed on stderr at shutdown (most severe first), unless {@code log=quiet}; the
 * suppressed ones are counted on its first line, not listed.
 */
public final class Summary {
    /** Findings listed one per line; the rest are counted. */
    public static final int MAX_LINES = 20;

    private Summary() {
    }

    /** The summary of a JVM in which nothing was ever watched (the agent was never installed): its first line alone. */
    static String renderNothingWatched(Path report) {
        StringBuilder out = new StringBuilder();
        firstLine(out, 0, 0, 0, 0, 0, report);
        return out.toString();
    }

    private static void firstLine(StringBuilder out, int findings, int errors, int warnings, int infos, int suppressed,
                                  Path report) {
        firstLine(out, findings, errors, warnings, infos, suppressed, report, null);
    }

    private static void firstLine(StringBuilder out, int findings, int errors, int warnings, int infos, int suppressed,
                                  Path report, String notWritten) {
        out.append("localdrop: ").append(findings).append(findings == 1 ? " finding" : " findings")
                .append(" (").append(errors).append(" error").append(errors == 1 ? "" : "s").append(", ")
                .append(warnings).append(" warning").append(warnings == 1 ? "" : "s").append(", ")
                .append(infos).append(" info").append(infos == 1 ? "" : "s").append(')');
        if (suppressed > 0) {
            out.append(", ").append(suppressed).append(" suppressed");
        }
        if (report != null && notWritten == null) {
            out.append("; report: ").append(report.toAbsolutePath());
        } else if (report != null) {
            out.append("; the report could not be written to ").append(report.toAbsolutePath()).append(" (")
                    .append(notWritten).append(')');
        }
        out.append('\n');
    }

    /** One line naming the pooled-looking threads diagnose could not watch, when there are any. */
    private static void unwatched(StringBuilder out, List<UnwatchedThreads.Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        int threads = 0;
        StringBuilder names = new StringBuilder();
        for (UnwatchedThreads.Group group : groups) {
            threads += group.threads;
            names.append(names.length() == 0 ? "" : ", ").append(group.pattern).append(" (").append(group.threads)
                    .append(')');
        }
        out.append("localdrop: not watched: ").append(threads).append(threads == 1 ? " thread" : " threads")
                .append(" stored ThreadLocal values but never saw a task boundary, so their leaks cannot be found"
                        + " (option taskBoundary): ").append(names).append('\n');
    }

    /** The summary of {@code snapshot}: the same findings and counts as the report rendered from it. */
    static String render(Path report, ReportSnapshot snapshot) {
        return render(report, null, snapshot);
    }

    /**
     * The summary of {@code snapshot}, whose report could not be written to {@code report} when {@code notWritten}
     * (why, in one line) is not null: the line then says so instead of naming the file as if it held the report.
     */
    static String render(Path report, String notWritten, ReportSnapshot snapshot) {
        List<Finding> findings = snapshot.findings;
        int errors = snapshot.errors;
        int warnings = snapshot.warnings;
        int infos = snapshot.infos;
        StringBuilder out = new StringBuilder();
        firstLine(out, findings.size(), errors, warnings, infos, snapshot.suppressedFindings, report, notWritten);
        unwatched(out, snapshot.unwatched);
        for (int i = 0; i < findings.size() && i < MAX_LINES; i++) {
            Finding finding = findings.get(i);
            out.append("localdrop:   ").append(finding.severity()).append(' ').append(finding.kind()).append(' ');
            out.append(finding.field() != null ? finding.field()
                    : finding.createdAt() != null ? "ThreadLocal created at " + finding.createdAt() : finding.type());
            List<String> setAt = finding.setAt();
            if (!setAt.isEmpty()) {
                out.append(", set at ").append(setAt.get(0));
            }
            List<String> readAt = finding.readAt();
            if (!readAt.isEmpty()) {
                out.append(", read at ").append(readAt.get(0));
            }
            if (finding.valueType() != null) {
                out.append(", value ").append(finding.valueType());
                if (finding.kind() == FindingKind.CLASSLOADER_PIN) {
                    out.append(" from loader ").append(finding.valueClassLoader());
                }
            }
            if (finding.kind() == FindingKind.EXIT_LEAK && finding.severity() == FindingKind.Severity.INFO) {
                out.append(" (closed by localdrop)");
            }
            out.append(", ").append(times(snapshot.counts[i], finding.threadCount(), finding.threadCountCapped()))
                    .append('\n');
        }
        if (findings.size() > MAX_LINES) {
            out.append("localdrop:   ... and ").append(findings.size() - MAX_LINES).append(" more in the report\n");
        }
        internalErrors(out, io.localdrop.agent.health.InternalErrors.total(), report == null ? " (give option report= to list them)"
                : notWritten == null ? " (see report)" : " (the report that lists them could not be written)");
        return out.toString();
    }

    /**
     * {@code 5 times on 2 threads}; {@code on at least N threads} when the finding stopped counting distinct threads
     * at its bound (the count is then a floor).
     */
    static String times(long count, int threads, boolean threadCountCapped) {
        return count + (count == 1 ? " time" : " times") + (threadCountCapped ? " on at least " : " on ") + threads
                + (threads == 1 ? " thread" : " threads");
    }

    /** A failure to write the report, as the summary's first line gives it. */
    static String notWritten(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' '));
    }

    /** The line that says the agent itself failed, so that a short list of findings is not taken for the whole truth. */
    static void internalErrors(StringBuilder out, long total, String where) {
        if (total > 0) {
            out.append("localdrop: ").append(total).append(total == 1 ? " internal error" : " internal errors")
                    .append(where).append('\n');
        }
    }
}
