package io.localdrop.maven;

import io.localdrop.testing.AllowedLeakLog;
import io.localdrop.testing.Finding;
import io.localdrop.testing.LeakReport;
import io.localdrop.testing.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reads every report the test JVMs wrote ({@code report-<pid>.json} in {@code reportDirectory}) and fails the
 * build when a finding at or above {@code failOn} remains, one error line per finding. Suppressions (agent option
 * {@code suppress}) were applied by the agent: what they took out is listed, with its reason, and does not fail.
 * A finding that a test allowed with {@code @AllowThreadLocalLeak} (localdrop-testing logs it beside the report)
 * is listed with that annotation and does not fail. A report whose agent failed itself fails the build too: its
 * findings may be incomplete.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends ReportsMojo {

    /** The least severity that fails the build: {@code ERROR} (default), {@code WARNING} or {@code INFO}. */
    @Parameter(property = "localdrop.failOn", defaultValue = "ERROR")
    private String failOn;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("check")) {
            return;
        }
        Severity threshold = threshold();
        ReportDirectory directory = reports();
        List<Path> files;
        try {
            files = directory.reports();
        } catch (IOException e) {
            throw new MojoExecutionException("localdrop: cannot list the reports in " + directory.path() + ": " + e, e);
        }
        if (files.isEmpty()) {
            throw new MojoFailureException("localdrop: no report in " + directory.path() + ": prepare-agent did not"
                    + " run, or no test JVM received its argument (a <argLine> of your own must contain @{argLine})");
        }
        int failing = 0;
        int agentFailures = 0;
        for (Path file : files) {
            LeakReport report;
            Map<String, String> allowedInTests;
            try {
                report = LeakReport.read(file);
                allowedInTests = AllowedLeakLog.readFor(file);
            } catch (IOException | IllegalArgumentException e) {
                throw new MojoExecutionException("localdrop: cannot read the report " + file + " or the leaks its"
                        + " tests allowed: " + e.getMessage(), e);
            }
            failing += printFindings(report, allowedInTests, threshold, file.toString());
            for (LeakReport.Suppressed suppressed : report.suppressed()) {
                getLog().info(FindingLine.of(suppressed, file.toString()));
            }
            for (LeakReport.AgentError error : report.internalErrors()) {
                getLog().error(FindingLine.of(error, file.toString()));
                agentFailures++;
            }
        }
        if (failing > 0 || agentFailures > 0) {
            throw new MojoFailureException("localdrop: " + failing + " finding(s) at or above " + threshold
                    + (agentFailures > 0 ? " and " + agentFailures + " failure(s) of the agent itself" : "")
                    + " in " + files.size() + " report(s) in " + directory.path()
                    + "; suppress one with a reason: agent option suppress, docs/diagnose.md");
        }
        getLog().info("localdrop: no finding at or above " + threshold + " in " + files.size() + " report(s) in "
                + directory.path());
    }

    /** Prints one line per finding of one report; returns how many fail the build. */
    private int printFindings(LeakReport report, Map<String, String> allowedInTests, Severity threshold, String file) {
        int failing = 0;
        for (Finding finding : report.findings()) {
            String allowedBy = allowedInTests.get(finding.identity());
            if (allowedBy != null) {
                getLog().info(FindingLine.of(finding, file) + ", allowed in a test by " + allowedBy);
            } else if (fails(finding.severity(), threshold)) {
                getLog().error(FindingLine.of(finding, file));
                failing++;
            } else {
                getLog().info(FindingLine.of(finding, file));
            }
        }
        return failing;
    }

    private Severity threshold() throws MojoFailureException {
        switch (failOn) {
            case "ERROR":
                return Severity.ERROR;
            case "WARNING":
                return Severity.WARNING;
            case "INFO":
                return Severity.INFO;
            default:
                throw new MojoFailureException("localdrop: bad value '" + failOn + "' for failOn: accepted values are"
                        + " ERROR, WARNING, INFO");
        }
    }

    /** A severity this version does not know (a newer agent) fails at every threshold: it cannot be ranked. */
    static boolean fails(Severity severity, Severity threshold) {
        return severity == Severity.UNKNOWN || severity.ordinal() <= threshold.ordinal();
    }
}
