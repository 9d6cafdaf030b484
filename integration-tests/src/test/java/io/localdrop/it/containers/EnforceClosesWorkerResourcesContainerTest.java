package io.localdrop.it.containers;

import static io.localdrop.it.containers.FixtureServer.field;
import static io.localdrop.it.containers.FixtureServer.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LocaldropContainer;
import io.localdrop.testing.Severity;
import io.localdrop.testing.StoppedContainer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/**
 * Issue 6, 3(c): with {@code mode=enforce}, an AutoCloseable that the application keeps per worker
 * thread in a plain ThreadLocal, and never closes, is closed on its own thread when the server's
 * worker threads end; the report lists it as an EXIT_LEAK of severity INFO.
 *
 * <p>Written against the contract of docs/agent.md ("mode=enforce on plain ThreadLocals"); without
 * enforce it fails at the first assertion on the log (the resource is never closed).
 */
class EnforceClosesWorkerResourcesContainerTest {

    static final String SERVLET = "io.localdrop.it.containers.app.ResourceServlet";

    @Test
    void eachWorkerThreadsResourceIsClosedOnThatThreadWhenTheServerStops() {
        try (GenericContainer<?> server = FixtureServer.container("mode=enforce,include=io.localdrop.it.containers.app")) {
            server.start();
            Set<String> openedOn = new TreeSet<>();
            for (int i = 0; i < 6; i++) {
                openedOn.add(field(get(server, "/resource"), "opened-on"));
            }
            assertEquals("stopping", get(server, "/admin/stop"));

            StoppedContainer stopped = LocaldropContainer.awaitExit(server, Duration.ofSeconds(60));
            String log = stopped.logs();
            assertEquals(0, stopped.exitCode(), log);
            assertTrue(log.contains("localdrop-fixture: stopped"), log);
            for (String thread : openedOn) {
                assertTrue(log.contains("PooledResource opened on " + thread + " closed on " + thread),
                        "the resource of " + thread + " is closed on its own thread:\n" + log);
            }
            List<Finding> closed = stopped.report().findings(Kind.EXIT_LEAK).stream()
                    .filter(f -> (SERVLET + ".CONNECTION").equals(f.threadLocal().field())).collect(Collectors.toList());
            assertEquals(1, closed.size(), stopped.report().describe());
            assertEquals(Severity.INFO, closed.get(0).severity(), "closed by the agent: INFO under enforce");
            assertFalse(closed.get(0).setAt().isEmpty(), closed.get(0).describe());
        }
    }
}
