package io.localdrop.it.containers;

import static io.localdrop.it.containers.FixtureServer.field;
import static io.localdrop.it.containers.FixtureServer.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.LocaldropContainer;
import io.localdrop.testing.StoppedContainer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/**
 * Issue 6, 3(d): an owned key's destructor throws on a server worker thread when the server stops
 * (rule 9 of docs/runtime-rules.md): the container's JVM ends with status 134 and its log says why,
 * naming the key, the thread and the exception.
 */
class FailingDestructorContainerTest {

    static final String KEY = "fixture.session-cache";

    @Test
    void aThrowingDestructorOnAWorkerThreadEndsTheJvmWith134() {
        // the thread-exit hook of the agent core is all this needs: mode=off rewrites nothing
        try (GenericContainer<?> server = FixtureServer.container("mode=off")) {
            server.start();
            String reply = get(server, "/owned");
            String worker = field(reply, "thread");
            assertEquals(KEY, field(reply, "key"));
            assertEquals("stopping", get(server, "/admin/stop"));

            StoppedContainer stopped = LocaldropContainer.awaitExit(server, Duration.ofSeconds(60));
            String log = stopped.logs();
            assertEquals(134, stopped.exitCode(), log);
            String fatal = log.lines().filter(l -> l.contains("fatal")).findFirst()
                    .orElseThrow(() -> new AssertionError("no fatal message in the log:\n" + log));
            assertTrue(fatal.contains(KEY), fatal);
            assertTrue(log.contains(worker), "the message names the thread " + worker + ":\n" + log);
            assertTrue(log.contains("java.lang.IllegalStateException: fixture: flushing the session cache failed"), log);
            assertFalse(log.contains("localdrop-fixture: stopped"), "the JVM halted before main returned:\n" + log);
        }
    }
}
