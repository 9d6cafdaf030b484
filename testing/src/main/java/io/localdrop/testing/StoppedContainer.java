package io.localdrop.testing;

import java.util.Optional;

/**
 * What a container with the agent left when it stopped: its exit code, its log (stdout and stderr)
 * and the agent's report, if the JVM wrote one. A JVM that ended with {@code Runtime.halt} (e.g.
 * status 134 after a failing destructor) runs no shutdown hook, so it writes no final report.
 */
public final class StoppedContainer {

    private final long exitCode;
    private final String logs;
    private final String reportJson;

    StoppedContainer(long exitCode, String logs, String reportJson) {
        this.exitCode = exitCode;
        this.logs = logs;
        this.reportJson = reportJson;
    }

    /** The container's exit status: 143 after a graceful stop (SIGTERM) of a JVM, 134 after a fatal destructor. */
    public long exitCode() {
        return exitCode;
    }

    /** The container's whole log, stdout and stderr interleaved as Docker recorded them. */
    public String logs() {
        return logs;
    }

    /** The report's JSON text, if the agent wrote one. */
    public Optional<String> reportJson() {
        return Optional.ofNullable(reportJson);
    }

    /** The parsed report, if the agent wrote one. */
    public Optional<LeakReport> findReport() {
        return reportJson == null ? Optional.empty() : Optional.of(LeakReport.parse(reportJson));
    }

    /**
     * The parsed report.
     *
     * @throws IllegalStateException when the JVM wrote none; the message has the exit code and the log's end
     */
    public LeakReport report() {
        if (reportJson == null) {
            throw new IllegalStateException("localdrop: the container (exit code " + exitCode + ") left no report at "
                    + LocaldropContainer.REPORT_PATH + ": the JVM did not start with the agent, or it ended by"
                    + " halt/kill before its shutdown hook ran. Last lines of its log:\n" + tail(logs, 30));
        }
        return LeakReport.parse(reportJson);
    }

    static String tail(String text, int lines) {
        int end = text.length();
        int at = end;
        for (int n = 0; n <= lines && at > 0; ) {
            at--;
            if (text.charAt(at) == '\n') {
                n++;
            }
        }
        return at <= 0 ? text : text.substring(at + 1);
    }

    @Override
    public String toString() {
        return "StoppedContainer[exit " + exitCode + ", report " + (reportJson == null ? "absent" : "present") + "]";
    }
}
