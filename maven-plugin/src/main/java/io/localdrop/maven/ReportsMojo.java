package io.localdrop.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that read the test JVMs' reports ({@code check}, {@code report}) share: where the reports are, and
 * when there is nothing to read (the plugin skipped, or no test ran).
 */
abstract class ReportsMojo extends AbstractMojo {

    /** Where prepare-agent told the test JVMs to write their reports. */
    @Parameter(property = "localdrop.reportDirectory", defaultValue = "${project.build.directory}/localdrop")
    File reportDirectory;

    @Parameter(property = "localdrop.skip", defaultValue = "false")
    private boolean skip;

    /** No tests ran, so there is nothing to read. */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean testSkip;

    /** True (and said) when this goal has nothing to do: {@code goal} names it in the message. */
    boolean skipped(String goal) {
        if (skip || skipTests || testSkip) {
            getLog().info("localdrop: " + goal + " skipped (" + (skip ? "skip" : "tests skipped") + ")");
            return true;
        }
        return false;
    }

    ReportDirectory reports() {
        return new ReportDirectory(reportDirectory.toPath());
    }
}
