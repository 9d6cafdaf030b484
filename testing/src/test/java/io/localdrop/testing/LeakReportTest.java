package io.localdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakReportTest {

    /** The example of docs/diagnose.md, plus a CACHE finding and an escaped string. */
    static final String EXAMPLE = "{\n"
            + "  \"format\": \"localdrop-report/1\",\n"
            + "  \"jvm\": { \"pid\": 4242, \"javaVersion\": \"17.0.15\", \"startedAt\": \"2026-11-22T10:00:00Z\","
            + " \"writtenAt\": \"2026-11-22T10:05:00Z\" },\n"
            + "  \"options\": { \"mode\": \"diagnose\" },\n"
            + "  \"findings\": [\n"
            + "    {\n"
            + "      \"kind\": \"BLEED\",\n"
            + "      \"severity\": \"ERROR\",\n"
            + "      \"threadLocal\": { \"createdAt\": \"com.acme.Ctx.<clinit>(Ctx.java:9)\", \"field\": \"com.acme.Ctx.CURRENT\","
            + " \"type\": \"java.lang.ThreadLocal\" },\n"
            + "      \"setAt\": [\"com.acme.Filter.doFilter(Filter.java:31)\"],\n"
            + "      \"readAt\": [\"com.acme.Service.user(Service.java:12)\"],\n"
            + "      \"valueType\": \"com.acme.User\",\n"
            + "      \"valueClassLoader\": \"app\",\n"
            + "      \"threads\": [\"pool-1-thread-3\"],\n"
            + "      \"count\": 17,\n"
            + "      \"firstSeen\": \"2026-11-22T10:01:02Z\",\n"
            + "      \"lastSeen\": \"2026-11-22T10:04:40Z\"\n"
            + "    },\n"
            + "    { \"kind\": \"CACHE\", \"severity\": \"INFO\", \"threadLocal\": { \"type\": \"com.acme.Fmt\\u0024Cache\" },"
            + " \"setAt\": [], \"count\": 3 }\n"
            + "  ],\n"
            + "  \"summary\": { \"threadsSeen\": 40, \"threadLocalsTracked\": 12, \"errors\": 1, \"warnings\": 0, \"infos\": 3 }\n"
            + "}\n";

    @Test
    void readsEveryFieldOfTheDocumentedFormat() {
        LeakReport report = LeakReport.parse(EXAMPLE);
        assertEquals("localdrop-report/1", report.format());
        assertEquals(new LeakReport.Jvm(4242, "17.0.15", Instant.parse("2026-11-22T10:00:00Z"),
                Instant.parse("2026-11-22T10:05:00Z")), report.jvm());
        assertEquals("diagnose", report.mode());
        assertEquals(new LeakReport.Summary(40, 12, 1, 0, 3, -1), report.summary());
        assertEquals(2, report.findings().size());

        Finding bleed = report.findings().get(0);
        assertEquals(Kind.BLEED, bleed.kind());
        assertEquals(Severity.ERROR, bleed.severity());
        assertEquals(new Finding.ThreadLocalInfo("com.acme.Ctx.<clinit>(Ctx.java:9)", "com.acme.Ctx.CURRENT",
                "java.lang.ThreadLocal"), bleed.threadLocal());
        assertEquals(List.of("com.acme.Filter.doFilter(Filter.java:31)"), bleed.setAt());
        assertEquals(List.of("com.acme.Service.user(Service.java:12)"), bleed.readAt());
        assertEquals("com.acme.User", bleed.valueType());
        assertEquals("app", bleed.valueClassLoader());
        assertEquals(List.of("pool-1-thread-3"), bleed.threads());
        assertEquals(17, bleed.count());
        assertEquals(Instant.parse("2026-11-22T10:01:02Z"), bleed.firstSeen());
        assertEquals(Instant.parse("2026-11-22T10:04:40Z"), bleed.lastSeen());
        assertTrue(bleed.setAtContains("Filter.java:31"));
        assertTrue(bleed.readAtContains("Service.java:12"));

        Finding cache = report.findings().get(1);
        assertEquals("com.acme.Fmt$Cache", cache.threadLocal().type());
        assertNull(cache.threadLocal().field());
        assertNull(cache.valueType());
        assertEquals(List.of(), cache.readAt());
    }

    @Test
    void queriesByKindAndSeverity() {
        LeakReport report = LeakReport.parse(EXAMPLE);
        assertEquals(1, report.findings(Kind.BLEED).size());
        assertEquals(1, report.findings(Kind.CACHE).size());
        assertEquals(List.of(), report.findings(Kind.TASK_LEAK));
        assertEquals(List.of(report.findings().get(0)), report.errors());
        assertEquals(List.of(), report.warnings());
        assertEquals(List.of(report.findings().get(1)), report.findings(Severity.INFO));
    }

    @Test
    void describeNamesTheLinesButNoValueContents() {
        String line = LeakReport.parse(EXAMPLE).findings().get(0).describe();
        assertEquals("BLEED (ERROR): ThreadLocal com.acme.Ctx.CURRENT created at com.acme.Ctx.<clinit>(Ctx.java:9),"
                + " set at com.acme.Filter.doFilter(Filter.java:31), read at com.acme.Service.user(Service.java:12),"
                + " value com.acme.User (loader app), count 17, threads [pool-1-thread-3]", line);
    }

    @Test
    void aKindOrFieldFromANewerAgentDoesNotBreakTheReader() {
        LeakReport report = LeakReport.parse("{\"format\":\"localdrop-report/1\",\"newTopLevel\":[1,2.5e3,true,null],"
                + "\"findings\":[{\"kind\":\"SOMETHING_NEW\",\"severity\":\"CRITICAL\",\"extra\":{\"a\":-1}}]}");
        Finding f = report.findings().get(0);
        assertEquals(Kind.UNKNOWN, f.kind());
        assertEquals("SOMETHING_NEW", f.kindName());
        assertEquals(Severity.UNKNOWN, f.severity());
        assertEquals(new LeakReport.Summary(-1, -1, -1, -1, -1, -1), report.summary());
        assertEquals(-1, report.jvm().pid());
    }

    @Test
    void readsTheCallerStacksTheAgentAddsBeyondTheContract() {
        Finding f = LeakReport.parse("{\"format\":\"localdrop-report/1\",\"findings\":[{\"kind\":\"TASK_LEAK\","
                + "\"setStack\":[\"a.B.c(B.java:1)\",\"a.D.e(D.java:2)\"],\"readStack\":[]}]}").findings().get(0);
        assertEquals(List.of("a.B.c(B.java:1)", "a.D.e(D.java:2)"), f.setStack());
        assertEquals(List.of(), f.readStack());
        assertEquals(List.of(), LeakReport.parse(EXAMPLE).findings().get(0).setStack());
    }

    @Test
    void readsTheRuleThatClassifiedAFinding() {
        Finding f = LeakReport.parse("{\"format\":\"localdrop-report/1\",\"findings\":[{\"kind\":\"BLEED\","
                + "\"classifiedBy\":\"inherited\"}]}").findings().get(0);
        assertEquals("inherited", f.classifiedBy());
        assertEquals(null, LeakReport.parse(EXAMPLE).findings().get(0).classifiedBy());
    }

    @Test
    void anEmptyReportHasNoFindings() {
        LeakReport report = LeakReport.parse("{\"format\":\"localdrop-report/1\",\"findings\":[]}");
        assertEquals(List.of(), report.findings());
        assertEquals("no findings", report.describe());
    }

    @Test
    void malformedJsonIsRejectedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeakReport.parse("{\"format\": \"localdrop-report/1\",\n \"findings\": [ }"));
        assertTrue(e.getMessage().startsWith("malformed JSON at line 2, column 16:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LeakReport.parse("{\"format\":\"localdrop-report/1\"} x"));
        assertThrows(IllegalArgumentException.class, () -> LeakReport.parse("{\"a\":\"unterminated}"));
        assertThrows(IllegalArgumentException.class, () -> LeakReport.parse(""));
    }

    @Test
    void anotherFormatOrAWrongFieldTypeIsNamed() {
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> LeakReport.parse("{\"format\":\"localdrop-report/2\"}"));
        assertTrue(format.getMessage().contains("\"localdrop-report/2\"") && format.getMessage().contains("localdrop-report/1"),
                format.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> LeakReport.parse("{\"format\":\"localdrop-report/1\",\"findings\":[{\"kind\":\"BLEED\",\"count\":\"many\"}]}"));
        assertEquals("localdrop report: findings[0].count is the string \"many\", expected an integer", count.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> LeakReport.parse("[]"));
        assertTrue(missing.getMessage().contains("expected a JSON object"), missing.getMessage());
    }

    /** The agent's golden report (its writer test renders exactly this text): every field read back. */
    @Test
    void readsTheGoldenReportTheAgentWrites() throws IOException {
        LeakReport report = LeakReport.parse(golden());
        assertEquals(new LeakReport.Jvm(4242, "17.0.15", Instant.parse("2026-11-18T10:06:40Z"),
                Instant.parse("2026-11-18T11:08:40Z")), report.jvm());
        assertEquals("enforce", report.mode());
        assertEquals("com.acme.Worker$Job#handle", report.options().get("taskBoundary"));
        assertEquals(new LeakReport.Summary(12, 5, 1, 1, 1, 5), report.summary());
        assertEquals(List.of(Kind.BLEED, Kind.TASK_LEAK, Kind.EXIT_LEAK),
                report.findings().stream().map(Finding::kind).toList());
        Finding bleed = report.findings().get(0);
        assertEquals(List.of("com.acme.Service.user(Service.java:12)", "com.acme.Audit.log(Audit.java:40)"), bleed.readAt());
        assertEquals(2, bleed.setStack().size());
        assertEquals(Instant.parse("2026-11-18T11:07:41.500Z"), bleed.lastSeen());
        Finding exit = report.findings().get(2);
        assertEquals("webapp \"shop\" \\ v2", exit.valueClassLoader());
        assertEquals(List.of("worker \"7\"\tπ-線程 \u0001"), exit.threads());
        assertNull(report.findings().get(1).threadLocal().createdAt());
        assertEquals(List.of(new LeakReport.AgentError("detector: task end", "java.lang.IllegalStateException",
                        "map \"table\" unreadable", 4),
                new LeakReport.AgentError("report: writing the report file", "java.nio.file.AccessDeniedException", null, 1)),
                report.internalErrors());
    }

    static String golden() throws IOException {
        try (var in = LeakReportTest.class.getResourceAsStream("/golden-report.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFileThatIsNotUtf8IsAClearError(@TempDir Path dir) throws IOException {
        Path bad = Files.write(dir.resolve("latin1.json"), new byte[] {'{', '"', (byte) 0xe9, '"', ':', '1', '}'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LeakReport.read(bad));
        assertEquals(bad + ": not a localdrop report: the file is not UTF-8 text", e.getMessage());
    }

    @Test
    void readsAReportFileAndNamesTheFileWhenItIsBad(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("report.json"), EXAMPLE);
        assertEquals(2, LeakReport.read(good).findings().size());
        Path bad = Files.writeString(dir.resolve("bad.json"), "{");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LeakReport.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }
}
