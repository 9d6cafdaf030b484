package io.localdrop.it.observe;

import io.localdrop.it.support.ReportSchema;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/report-format.schema.json against the reports that exist: the golden report (every field, hostile
 * names), a real run's, a merged one; and it refuses reports that break the contract, so it is not a schema
 * that accepts anything. Every report read by {@code Diagnosed} (the diagnose suite) is checked too.
 */
class ReportSchemaTest {
    private static final Path GOLDEN = Paths.get("..", "testing", "src", "test", "resources", "golden-report.json");

    @Test
    void theGoldenReportConforms() throws Exception {
        ReportSchema.assertValid(Files.readString(GOLDEN));
    }

    @Test
    void aRealRunsReportAndAMergedOneConform() throws Exception {
        String report = ReportSchema.assertValid(LeakyPoolRun.report());
        java.util.Map<String, String> two = new java.util.LinkedHashMap<>();
        two.put("a.json", report);
        two.put("b.json", Files.readString(GOLDEN));
        ReportSchema.assertValid(io.localdrop.agent.cli.ReportMerge.merge(two));
    }

    @Test
    void reportsThatBreakTheContractAreRefused() throws Exception {
        String golden = Files.readString(GOLDEN);
        refused(golden.replace("\"format\": \"localdrop-report/1\"", "\"format\": \"localdrop-report/2\""), "format");
        refused(golden.replace("\"kind\": \"BLEED\"", "\"kind\": \"bleed\""), "kind");
        refused(golden.replace("\"count\": 17,", "\"count\": \"17\","), "count");
        refused(golden.replace("\"firstSeen\": \"2026-11-18T11:06:40Z\"", "\"firstSeen\": \"yesterday\""), "firstSeen");
        refused(golden.replace("\"findings\": [", "\"findingz\": ["), "findings");
        refused(golden.replace("\"mode\": \"enforce\"", "\"mode\": \"enforce\", \"reportInterval2\": 5"), "options");
    }

    @Test
    void anAddedFieldIsAllowedAsTheFormatPromises() throws Exception {
        String golden = Files.readString(GOLDEN);
        ReportSchema.assertValid(golden.replace("\"kind\": \"BLEED\",", "\"kind\": \"BLEED\", \"appFrame\": \"a.B.c(B.java:1)\", \"later\": 1,"));
    }

    private static void refused(String report, String what) {
        Set<String> problems = ReportSchema.problems(report);
        assertFalse(problems.isEmpty(), "a report with a bad " + what + " was accepted");
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(what)), problems.toString());
    }
}
