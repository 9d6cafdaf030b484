package io.localdrop.it.enforce;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A fixture run in a child JVM with the agent and a report file, what it printed, and what the report says. */
final class Enforced {
    final ChildJvm.Result result;
    final LeakReport report;

    private Enforced(ChildJvm.Result result, LeakReport report) {
        this.result = result;
        this.report = report;
    }

    /** Runs {@code fixture} with {@code options} plus a report file; expects {@code exit}; reads the report if any. */
    static Enforced run(Class<?> fixture, String options, int exit, String... args) throws Exception {
        Path directory = Files.createTempDirectory("enforce-");
        Path reportFile = directory.resolve("report.json");
        ChildJvm.Result result = ChildJvm.main(fixture).agentOptions(options + ",report=" + reportFile).args(args).run()
                .assertExit(exit);
        LeakReport report = Files.exists(reportFile) ? LeakReport.read(reportFile) : null;
        return new Enforced(result, report);
    }

    List<String> lines() {
        return result.stdoutLines();
    }

    /** The findings of {@code kind} about the ThreadLocal in static field {@code field}. */
    List<Finding> findings(Kind kind, String field) {
        return report.findings(kind).stream().filter(finding -> field.equals(finding.threadLocal().field()))
                .collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return result + (report == null ? "\n(no report)" : "\n" + report.describe());
    }
}
