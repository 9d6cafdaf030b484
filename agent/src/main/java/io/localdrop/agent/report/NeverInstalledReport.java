package io.localdrop.agent.report;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.options.LogLevel;

import java.nio.file.Path;

/**
 * The final report and summary of a JVM in which the agent was never installed (no class needed it: docs/agent.md,
 * "When the agent installs itself"): the same report and the same summary line as an installed agent that saw
 * nothing, written from an ordinary shutdown hook, since without the bridge there is no later slot (and nothing
 * can have been found that a later one would wait for). A class of its own, apart from {@link ReportService}, so
 * that a JVM that writes no report loads only this one and {@link Summary} at its exit.
 */
public final class NeverInstalledReport {
    private NeverInstalledReport() {
    }

    /** Writes the report (option report) and prints the summary (unless log=quiet); never throws. */
    public static void write(AgentOptions options) {
        try {
            Path report = options.report().orElse(null);
            if (report == null && InternalErrors.total() == 0) {
                // nothing can have been found: the summary's one line, without the findings' classes at every exit
                if (options.log() != LogLevel.QUIET) {
                    System.err.print(Summary.renderNothingWatched(null));
                    System.err.flush();
                }
                return;
            }
            ReportSnapshot snapshot = ReportSnapshot.take(options.suppressions());
            String notWritten = null;
            if (report != null) {
                try {
                    ReportFile.write(report, ReportJson.render(options, snapshot));
                } catch (Exception failed) {
                    // the summary still comes, saying so (it was skipped, and the failure recorded only)
                    InternalErrors.record("report: writing the report file", failed);
                    notWritten = Summary.notWritten(failed);
                }
                ReportFile.close();
            }
            if (options.log() != LogLevel.QUIET) {
                System.err.print(Summary.render(report, notWritten, snapshot));
                System.err.flush();
            }
        } catch (Throwable failed) {
            InternalErrors.record("report: the final report of an agent never installed", failed);
        }
    }
}
