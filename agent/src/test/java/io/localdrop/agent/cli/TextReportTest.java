package io.localdrop.agent.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** {@code report --format text}: what a terminal shows of a finding, the rule that classified it among it. */
class TextReportTest {
    private static final Path GOLDEN = Paths.get("..", "testing", "src", "test", "resources", "golden-report.json");

    @Test
    void aFindingsBlockNamesItsLinesAndTheRuleThatClassifiedIt() throws Exception {
        String golden = Files.readString(GOLDEN);
        assertFalse(TextReport.render(golden).contains("  rule    "), "no rule where the report names none");
        String classified = golden.replaceFirst("\"count\":", "\"classifiedBy\": \"own-container\", \"count\":");
        String text = TextReport.render(classified);
        assertTrue(text.contains("  set at  com.acme.Filter.doFilter(Filter.java:31)"), text);
        assertTrue(text.contains("  rule    own-container\n"), text);
    }
}
