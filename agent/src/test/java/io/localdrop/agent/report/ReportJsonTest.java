package io.localdrop.agent.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.sites.SiteRegistry;
import org.junit.jupiter.api.Test;

/** The report's shape (format, options, findings with the contract's fields) and no value contents. */
class ReportJsonTest {
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
}
