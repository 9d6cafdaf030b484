package io.localdrop.it.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localdrop.it.stacks.HttpJson;
import io.localdrop.it.stacks.PipelinedHttp;
import io.localdrop.it.stacks.SourceLines;
import io.localdrop.it.support.ChildJvm;
import io.localdrop.it.support.ReportSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar localdrop-agent.jar report PID} against a real server: the real-stack suite's Spring Boot
 * application (the same fat jar, here a child JVM on this host, {@link BootServer}) under the agent, started once.
 * Leaky endpoints (a filter's user never removed, an MDC entry never removed) and correct ones are driven over
 * HTTP; then the live report is taken in JSON, text and HTML; then the server is stopped gracefully and its final
 * report read. The live report's findings are the final report's (kind, ThreadLocal, setAt, readAt, appFrame,
 * value type), each with a count no higher than the final one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveReportServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORKERS = 2; // server.tomcat.threads.max of the application
    private static final String USER_SET = site("leaky.LeakyUserFilter", "doFilterInternal", "leak: user set");
    private static final String USER_READ = site("leaky.LeakyUser", "current", "leak: user read");
    private static final String MDC_PUT = site("leaky.LeakyController", "tenant", "leak: mdc put");

    private JsonNode live;
    private JsonNode atEnd;
    private ChildJvm.Result text;
    private ChildJvm.Result html;
    private long pid;

    @BeforeAll
    void driveTheServerThenReportLiveThenStopIt() throws Exception {
        Path directory = Files.createTempDirectory("live-server-");
        Path finalReport = directory.resolve("final.json");
        Path liveReport = directory.resolve("live.json");
        try (BootServer server = BootServer.start("report=" + finalReport)) {
            pid = server.pid();
            drive(server);
            ChildJvm.Result json = Cli.run("report", Long.toString(pid), "--format", "json", "-o", liveReport.toString());
            json.assertExit(0);
            assertEquals("", json.stderr(), "the agent was loaded: no note");
            text = Cli.run("report", Long.toString(pid), "--format", "text");
            html = Cli.run("report", Long.toString(pid), "--format", "html");
            server.stop();
            assertTrue(Files.isRegularFile(finalReport), "no final report:\n" + server.log());
        }
        live = JSON.readTree(ReportSchema.assertValid(Files.readString(liveReport)));
        atEnd = JSON.readTree(ReportSchema.assertValid(Files.readString(finalReport)));
    }

    /**
     * Every request is answered before the next step, and the last step is a round of requests that meet at a
     * rendezvous, so that each worker serves one of them: by then every earlier request's task has ended on both
     * workers (its end scan ran before the worker took the next task). It is done twice, so that the first round's own
     * task ends are behind the second.
     */
    private static void drive(BootServer server) throws Exception {
        onEachWorker(server, "tenants-1", "tenant-a");
        HttpJson client = server.client();
        for (int i = 0; i < 8; i++) {
            client.get("/leaky/whoami", "X-User", "user-" + i);
            client.get("/leaky/whoami");
            client.get("/leaky/log");
            client.get("/correct/request?id=" + i);
        }
        for (int pair = 0; pair < 3; pair++) {
            // one write, one Tomcat task: the second request reads the first one's user
            List<JsonNode> seen = PipelinedHttp.send("127.0.0.1", server.port(), List.of(
                    new PipelinedHttp.Get("/leaky/whoami", "X-User", "pipelined-" + pair),
                    new PipelinedHttp.Get("/leaky/whoami")));
            assertEquals("pipelined-" + pair, HttpJson.text(seen.get(1), "read"), "the pipelined read: " + seen);
        }
        onEachWorker(server, "tenants-2", "tenant-b");
        onEachWorker(server, "tenants-3", "tenant-b");
    }

    /** One request per worker thread, all at once (the handler waits for the others at a rendezvous). */
    private static void onEachWorker(BootServer server, String group, String tenant) throws Exception {
        List<Callable<JsonNode>> requests = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            String path = "/leaky/tenant?group=" + group + "&parties=" + WORKERS + "&tenant=" + tenant;
            requests.add(() -> server.client().get(path));
        }
        HttpJson.together(requests);
    }

    @Test
    void theLiveReportHoldsTheFinalReportsFindingsWithCountsNoHigher() {
        assertEquals(pid, live.get("jvm").get("pid").asLong());
        Map<String, Long> atRun = counts(live);
        Map<String, Long> later = counts(atEnd);
        assertEquals(later.keySet(), atRun.keySet(), "the live report's findings are the final report's");
        for (Map.Entry<String, Long> finding : atRun.entrySet()) {
            long finalCount = later.get(finding.getKey());
            assertTrue(finding.getValue() >= 1 && finding.getValue() <= finalCount,
                    finding + " against " + finalCount + " at the end");
        }
        assertTrue(has(live, "BLEED", USER_SET, USER_READ), "the user read by a later request: " + atRun.keySet());
        assertTrue(has(live, "TASK_LEAK", USER_SET, null), "the user left at a request's end: " + atRun.keySet());
        // logback's MDC stores in its own code: the controller's line is the finding's application frame
        assertTrue(has(live, "TASK_LEAK", MDC_PUT, null), "the MDC entry left at a request's end: " + atRun.keySet());
        assertTrue(has(live, "BLEED", MDC_PUT, null), "the MDC entry read by a later request: " + atRun.keySet());
    }

    @Test
    void theLiveReportAsTextNamesTheLeak() {
        text.assertExit(0);
        assertTrue(text.stdout().contains("ERROR BLEED io.localdrop.stackapps.boot.leaky.LeakyUser.USER"), text.toString());
        assertTrue(text.stdout().contains("set at  " + USER_SET), text.toString());
        assertTrue(text.stdout().contains(USER_READ), text.toString());
    }

    @Test
    void theLiveReportAsHtmlNamesTheLeak() {
        html.assertExit(0);
        assertTrue(html.stdout().startsWith("<!DOCTYPE html>"), html.toString());
        assertTrue(html.stdout().contains("data-kind=\"BLEED\""), html.toString());
        assertTrue(html.stdout().contains("LeakyUser.USER") && html.stdout().contains(USER_SET),
                html.toString());
    }

    /** Finding (kind, ThreadLocal, setAt, readAt, appFrame, value type) to its count. */
    private static Map<String, Long> counts(JsonNode report) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode finding : report.get("findings")) {
            String key = String.join(" | ", finding.get("kind").asText(), finding.get("threadLocal").toString(),
                    finding.path("setAt").toString(), finding.path("readAt").toString(),
                    finding.path("appFrame").toString(), finding.path("valueType").toString());
            assertFalse(counts.containsKey(key), "two findings " + key);
            counts.put(key, finding.get("count").asLong());
        }
        return counts;
    }

    /** Whether a finding of {@code kind} names {@code stored} as its set line or its application frame (and {@code readAt}). */
    private static boolean has(JsonNode report, String kind, String stored, String readAt) {
        for (JsonNode finding : report.get("findings")) {
            boolean storedThere = finding.path("setAt").toString().contains(stored)
                    || finding.path("appFrame").asText("").equals(stored);
            if (finding.get("kind").asText().equals(kind) && storedThere
                    && (readAt == null || finding.path("readAt").toString().contains(readAt))) {
                return true;
            }
        }
        return false;
    }

    private static String site(String type, String method, String marker) {
        return SourceLines.site(SourceLines.bootSources(), BootServer.APP + type, method, marker);
    }
}
