package io.localdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension's decisions, with a report source this test controls (the samples below change
 * the "live report" during their test body as an agent would). {@link LeakCheckWithAgentTest} runs
 * the same extension against the real agent.
 */
class LocaldropLeakCheckTest {

    static final String EMPTY = report("");
    static final String ONE_TASK_LEAK = report(finding("TASK_LEAK", "WARNING", 1));
    static final String TASK_LEAK_TWICE = report(finding("TASK_LEAK", "WARNING", 2));
    static final String ONE_CACHE = report(finding("CACHE", "INFO", 1));

    /** What the fake agent publishes; samples change it inside their test method. */
    static volatile String live = EMPTY;
    static volatile boolean agentPresent = true;

    static final LiveReport.Source FAKE = new LiveReport.Source() {
        @Override
        public boolean agentPresent() {
            return agentPresent;
        }

        @Override
        public String json() {
            return live;
        }
    };

    static String finding(String kind, String severity, int count) {
        return "{\"kind\":\"" + kind + "\",\"severity\":\"" + severity + "\",\"threadLocal\":{\"createdAt\":"
                + "\"com.acme.Ctx.<clinit>(Ctx.java:9)\",\"field\":\"com.acme.Ctx.CURRENT\",\"type\":\"java.lang.ThreadLocal\"},"
                + "\"setAt\":[\"com.acme.Filter.doFilter(Filter.java:31)\"],\"valueType\":\"com.acme.User\",\"count\":" + count + "}";
    }

    static String report(String findings) {
        return "{\"format\":\"localdrop-report/1\",\"options\":{\"mode\":\"diagnose\"},\"findings\":[" + findings + "]}";
    }

    /** A report without findings whose agent failed {@code count} times so far. */
    static String brokenAgent(int count) {
        return "{\"format\":\"localdrop-report/1\",\"findings\":[],\"summary\":{\"internalErrors\":" + count + "},"
                + "\"internalErrors\":[{\"where\":\"detector: task end\",\"type\":\"java.lang.IllegalStateException\","
                + "\"message\":\"broken\",\"count\":" + count + "}]}";
    }

    static class AgentBreaksSample {
        @RegisterExtension
        final LocaldropLeakCheck check = new LocaldropLeakCheck(FAKE);

        @Test
        void agentFailsDuringTheTest() {
            live = brokenAgent(3);
        }
    }

    static class LeakingSample {
        @RegisterExtension
        final LocaldropLeakCheck check = new LocaldropLeakCheck(FAKE);

        @Test
        void leaks() {
            live = ONE_TASK_LEAK;
        }
    }

    static class CleanSample {
        @RegisterExtension
        final LocaldropLeakCheck check = new LocaldropLeakCheck(FAKE);

        @Test
        void doesNothing() {
        }

        @Test
        void onlyMakesACache() {
            live = ONE_CACHE; // CACHE is information, not a leak: not checked by default
        }
    }

    static class SameLeakAgainSample {
        @RegisterExtension
        final LocaldropLeakCheck check = new LocaldropLeakCheck(FAKE);

        @Test
        void leaksAgain() {
            live = TASK_LEAK_TWICE;
        }
    }

    static EngineExecutionResults run(Class<?> sample, String... configuration) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample));
        for (int i = 0; i < configuration.length; i += 2) {
            kit.configurationParameter(configuration[i], configuration[i + 1]);
        }
        return kit.execute();
    }

    static List<String> failureMessages(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable))
                .map(t -> t.map(Throwable::getMessage).orElse("(no throwable)"))
                .collect(Collectors.toList());
    }

    private static void start(String json) {
        agentPresent = true;
        live = json;
    }

    @Test
    void aTestWithANewFindingFailsAndTheMessageHasTheFinding() {
        start(EMPTY);
        EngineExecutionResults results = run(LeakingSample.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        String message = failureMessages(results).get(0);
        assertTrue(message.startsWith("localdrop: leaks() left per-thread state behind, 1 new finding(s):"), message);
        assertTrue(message.contains("TASK_LEAK (WARNING): ThreadLocal com.acme.Ctx.CURRENT"), message);
        assertTrue(message.contains("set at com.acme.Filter.doFilter(Filter.java:31)"), message);
    }

    @Test
    void aTestDuringWhichTheAgentFailedFailsNamingTheFailure() {
        start(brokenAgent(1));
        EngineExecutionResults results = run(AgentBreaksSample.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertEquals("localdrop: the agent itself failed 2 time(s) during agentFailsDuringTheTest(), so its findings may"
                + " be incomplete; its internal errors so far:\n  detector: task end: java.lang.IllegalStateException: broken"
                + " (3 times)", failureMessages(results).get(0));
        start(brokenAgent(3)); // failures from before the test do not fail it
        run(AgentBreaksSample.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void aCleanTestPasses() {
        start(EMPTY);
        run(CleanSample.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    }

    @Test
    void findingsFromBeforeTheTestDoNotFailIt() {
        start(ONE_TASK_LEAK); // an earlier test leaked; this one leaves the count as it was
        run(CleanSample.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    }

    @Test
    void aHigherCountOfAKnownFindingFailsTheTest() {
        start(ONE_TASK_LEAK);
        EngineExecutionResults results = run(SameLeakAgainSample.class);
        results.testEvents().assertStatistics(s -> s.failed(1));
        assertTrue(failureMessages(results).get(0).contains("count 2 (count was 1 before this test)"),
                failureMessages(results).get(0));
    }

    @Test
    void withoutTheAgentTheTestFailsSayingHowToAddIt() {
        start(EMPTY);
        agentPresent = false;
        try {
            EngineExecutionResults results = run(CleanSample.class);
            results.testEvents().assertStatistics(s -> s.failed(2));
            String message = failureMessages(results).get(0);
            assertTrue(message.contains("no localdrop agent runs in this JVM"), message);
            assertTrue(message.contains("-javaagent:"), message);
            assertTrue(message.contains(LocaldropLeakCheck.WHEN_AGENT_MISSING + "=ignore"), message);
        } finally {
            agentPresent = true;
        }
    }

    @Test
    void withoutTheAgentTheCheckCanBeTurnedOffOnPurpose() {
        start(EMPTY);
        agentPresent = false;
        try {
            run(LeakingSample.class, LocaldropLeakCheck.WHEN_AGENT_MISSING, "ignore")
                    .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
            EngineExecutionResults bad = run(CleanSample.class, LocaldropLeakCheck.WHEN_AGENT_MISSING, "maybe");
            String message = failureMessages(bad).get(0);
            assertEquals("localdrop: bad value 'maybe' for " + LocaldropLeakCheck.WHEN_AGENT_MISSING
                    + ": accepted values are fail, ignore", message);
        } finally {
            agentPresent = true;
        }
    }

    @Test
    void anAgentThatPublishesNoReportIsNamed() {
        start(null);
        EngineExecutionResults results = run(CleanSample.class);
        results.testEvents().assertStatistics(s -> s.failed(2));
        String message = failureMessages(results).get(0);
        assertTrue(message.contains("publishes no live report") && message.contains("mode=off"), message);
        assertFalse(results.testEvents().failed().stream().map(Event::toString).findFirst().isEmpty());
    }
}
