package io.localdrop.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.tasks.UnwatchedThreads;
import io.localdrop.agent.findings.SiteRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The report's shape (format, options, findings with the contract's fields, internal errors), no value
 * contents, and the golden report: the file the testing module's reader test parses, so that writer and
 * reader are held to one text.
 */
class ReportJsonTest {
    /** Shared with the testing module's LeakReportTest (surefire runs each module in its own directory). */
    static final Path GOLDEN = Path.of(System.getProperty("basedir", "."), "..", "testing", "src", "test", "resources",
            "golden-report.json");

    /** A value whose toString would put a secret into the report, and throws to prove it is never called. */
    static final class Secret {
        @Override
        public String toString() {
            throw new AssertionError("toString called");
        }

        @Override
        public int hashCode() {
            throw new AssertionError("hashCode called");
        }

        @Override
        public boolean equals(Object other) {
            throw new AssertionError("equals called");
        }
    }

    @Test
    void rendersTheContractsFieldsAndNeverAValue() {
        Findings.clear();
        ThreadLocal<Object> threadLocal = new ThreadLocal<>();
        int set = SiteRegistry.register("com.acme.Filter", "doFilter", "Filter.java", 31);
        Findings.record(FindingKind.TASK_LEAK, null, threadLocal, set, -1, new Secret(), null);
        String json = ReportJson.render(AgentOptions.parse("report=/tmp/x.json,log=quiet"));
        for (String field : new String[] {"\"format\": \"localdrop-report/1\"", "\"pid\": ", "\"javaVersion\": ",
                "\"startedAt\": ", "\"writtenAt\": ", "\"mode\": \"diagnose\"", "\"report\": \"/tmp/x.json\"",
                "\"kind\": \"TASK_LEAK\"", "\"severity\": \"WARNING\"", "\"type\": \"java.lang.ThreadLocal\"",
                "\"setAt\": [\"com.acme.Filter.doFilter(Filter.java:31)\"]", "\"readAt\": []",
                "\"valueType\": \"io.localdrop.agent.report.ReportJsonTest$Secret\"", "\"valueClassLoader\": \"app\"",
                "\"threads\": [\"", "\"count\": 1", "\"firstSeen\": ", "\"lastSeen\": ", "\"summary\": { \"threadsSeen\": ",
                "\"warnings\": 1"}) {
            assertTrue(json.contains(field), field + " in\n" + json);
        }
        assertFalse(json.contains("createdAt"), "unknown creation sites are left out: " + json);
        Findings.clear();
    }

    @Test
    void internalErrorsAreCountedAndListed() {
        InternalErrors.clear();
        InternalErrors.setVerbosity(0);
        try {
            InternalErrors.record("detector: test", new IllegalStateException("broken \"on purpose\""));
            InternalErrors.record("detector: test", new IllegalStateException("again"));
            String json = ReportJson.render(AgentOptions.parse("log=quiet"));
            assertTrue(json.contains("\"internalErrors\": 2 }"), json);
            assertTrue(json.contains("\"internalErrors\": [\n    { \"where\": \"detector: test\", \"type\":"
                    + " \"java.lang.IllegalStateException\", \"message\": \"broken \\\"on purpose\\\"\", \"count\": 2 }\n  ]"),
                    json);
        } finally {
            InternalErrors.clear();
            InternalErrors.setVerbosity(1);
        }
    }

    @Test
    void theGoldenReportIsWhatTheWriterWrites() throws Exception {
        String expected = Files.readString(GOLDEN, StandardCharsets.UTF_8);
        String rendered = ReportJson.render(golden());
        if (Boolean.getBoolean("localdrop.golden.update")) {
            Files.writeString(GOLDEN, rendered, StandardCharsets.UTF_8);
        }
        assertEquals(expected, rendered, "run with -Dlocaldrop.golden.update=true to rewrite " + GOLDEN + " (then review it)");
    }

    /** Every field of the format, with the strings that need escaping, at fixed times and pid. */
    static ReportContent golden() {
        long t0 = 1_795_000_000_000L;
        AgentOptions options = AgentOptions.parse("mode=enforce,report=/var/log/app/localdrop.json,reportInterval=5m,"
                + "taskBoundary=com.acme.Worker$Job#handle");
        ReportedFinding bleed = new ReportedFinding("BLEED", "ERROR", "com.acme.Ctx.<clinit>(Ctx.java:9)", "com.acme.Ctx.CURRENT",
                "java.lang.ThreadLocal", List.of("com.acme.Filter.doFilter(Filter.java:31)"),
                List.of("com.acme.Service.user(Service.java:12)", "com.acme.Audit.log(Audit.java:40)"), "com.acme.User", "app",
                List.of("http-nio-8080-exec-1", "http-nio-8080-exec-2"), 17, t0, t0 + 61_500,
                List.of("com.acme.Filter.doFilter(Filter.java:31)", "org.apache.catalina.core.ApplicationFilterChain"
                        + ".internalDoFilter(ApplicationFilterChain.java:168)"),
                List.of("com.acme.Service.user(Service.java:12)"));
        ReportedFinding leak = new ReportedFinding("TASK_LEAK", "WARNING", null, null, "com.acme.Buffers$Local",
                List.of("com.acme.Buffers.take(Buffers.java:20)"), List.of(), "byte[]", "bootstrap",
                List.of("pool-1-thread-1"), 1, t0 + 1, t0 + 1, List.of(), List.of());
        ReportedFinding exit = new ReportedFinding("EXIT_LEAK", "INFO", "com.acme.Db.<init>(Db.java:5)", null,
                "java.lang.ThreadLocal", List.of("com.acme.Db.open(Db.java:7)"), List.of(), "com.acme.Connection",
                "webapp \"shop\" \\ v2", List.of("worker \"7\"\tπ-線程 \u0001"), 3, t0 + 2, t0 + 3, List.of(), List.of());
        List<ReportContent.ReportedError> errors = List.of(
                new ReportContent.ReportedError("detector: task end", "java.lang.IllegalStateException",
                        "map \"table\" unreadable", 4),
                new ReportContent.ReportedError("report: writing the report file", "java.nio.file.AccessDeniedException",
                        null, 1));
        List<ReportContent.ReportedSuppression> suppressed = List.of(new ReportContent.ReportedSuppression("TASK_LEAK",
                "org.apache.catalina.", "Tomcat's dispatch data, reused by the container \"by design\"", 3, 2, 9,
                List.of("org.apache.catalina.core.ApplicationContext.<init>(ApplicationContext.java:120)")));
        return new ReportContent(4242, "17.0.15", t0 - 3_600_000, t0 + 120_000, options, List.of(bleed, leak, exit), 12,
                5, 0, 1, 40, suppressed, 2,
                List.of(new UnwatchedThreads.Group("XNIO-1 task-#", 3)), 5, errors);
    }
}
