package io.localdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's {@code suppressed} section (agent option {@code suppress}), and its absence in older reports. */
class LeakReportSuppressedTest {

    @Test
    void readsEachEntryWithItsReasonAndWhatItSuppressed() {
        LeakReport report = LeakReport.parse("{ \"format\": \"localdrop-report/1\", \"findings\": [],\n"
                + "  \"suppressed\": [\n"
                + "    { \"kind\": \"BLEED\", \"threadLocal\": \"org.vendor.\", \"reason\": \"vendor bug 17\", \"line\": 2,"
                + " \"findings\": 1, \"count\": 17, \"threadLocals\": [\"org.vendor.Ctx.CURRENT\"] },\n"
                + "    { \"kind\": \"CACHE\", \"threadLocal\": \"com.acme.X\", \"reason\": \"unused\", \"line\": 3,"
                + " \"findings\": 0, \"count\": 0, \"threadLocals\": [] }\n"
                + "  ] }");
        assertEquals(List.of(
                new LeakReport.Suppressed("BLEED", "org.vendor.", "vendor bug 17", 2, 1, 17, List.of("org.vendor.Ctx.CURRENT")),
                new LeakReport.Suppressed("CACHE", "com.acme.X", "unused", 3, 0, 0, List.of())), report.suppressed());
    }

    @Test
    void aReportWithoutTheSectionHasNoSuppressions() {
        assertEquals(List.of(), LeakReport.parse("{ \"format\": \"localdrop-report/1\", \"findings\": [] }").suppressed());
    }
}
