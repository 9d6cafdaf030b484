package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Finding;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks that the stderr summary and the report file of a run say the same: totals, and each listed finding. */
final class SummaryAgreement {
    private static final Pattern HEADER = Pattern.compile("localdrop: (\\d+) findings? \\((\\d+) errors?, (\\d+) warnings?,"
            + " (\\d+) infos?\\)(?:, (\\d+) suppressed)?(?:; report: .*)?");
    private static final Pattern LINE = Pattern.compile("localdrop:   (\\w+) (\\w+) .*, (\\d+) times? on (\\d+) threads?");

    private SummaryAgreement() {
    }

    /** Fails unless the summary's totals and lines match the report's findings one for one. */
    static void assertAgree(Diagnosed run) {
        List<String> lines = run.result.stderrLines().stream().filter(line -> line.startsWith("localdrop:"))
                .collect(Collectors.toList());
        assertTrue(!lines.isEmpty(), () -> "no summary on stderr\n" + run);
        Matcher header = HEADER.matcher(lines.get(0));
        assertTrue(header.matches(), () -> "not a summary header: " + lines.get(0) + "\n" + run);
        List<Finding> findings = run.report.findings();
        assertEquals(findings.size(), Integer.parseInt(header.group(1)), run::toString);
        assertEquals(run.report.summary().errors(), Long.parseLong(header.group(2)), run::toString);
        assertEquals(run.report.summary().warnings(), Long.parseLong(header.group(3)), run::toString);
        assertEquals(run.report.summary().infos(), Long.parseLong(header.group(4)), run::toString);
        assertEquals(findings.size(), run.report.summary().errors() + run.report.summary().warnings()
                + run.report.summary().infos(), run::toString);
        int listed = Math.min(findings.size(), 20);
        for (int i = 0; i < listed; i++) {
            Matcher line = LINE.matcher(lines.get(i + 1));
            assertTrue(line.matches(), "not a finding line: " + lines.get(i + 1) + "\n" + run);
            Finding finding = findings.get(i);
            String what = "finding " + i + ": " + lines.get(i + 1) + "\n" + run;
            assertEquals(finding.severity().name(), line.group(1), what);
            assertEquals(finding.kindName(), line.group(2), what);
            assertEquals(finding.count(), Long.parseLong(line.group(3)), what);
            assertEquals(finding.threads().size(), Integer.parseInt(line.group(4)), what);
        }
    }

    /** The number of suppressed findings the summary's first line gives (0 when it names none). */
    static int suppressedInSummary(Diagnosed run) {
        String first = run.result.stderrLines().stream().filter(line -> line.startsWith("localdrop:")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary on stderr\n" + run));
        Matcher header = HEADER.matcher(first);
        assertTrue(header.matches(), () -> "not a summary header: " + first + "\n" + run);
        return header.group(5) == null ? 0 : Integer.parseInt(header.group(5));
    }
}
