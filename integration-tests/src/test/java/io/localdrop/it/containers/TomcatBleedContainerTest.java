package io.localdrop.it.containers;

import static io.localdrop.it.containers.FixtureServer.field;
import static io.localdrop.it.containers.FixtureServer.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LocaldropContainer;
import io.localdrop.testing.Severity;
import io.localdrop.testing.StoppedContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/**
 * Issue 6, 3(b): concurrent HTTP requests from the host to a server whose request-context holder
 * is never cleared. A request that never logged in sees an earlier request's user; localdrop
 * reports BLEED with the line that set the user and the line that read it.
 */
class TomcatBleedContainerTest {

    static final String HOLDER = "io.localdrop.it.containers.app.RequestContext";
    static final int MAX_ROUNDS = 50;
    static final int CLIENTS = 4;

    @Test
    void aRequestSeeingAnEarlierRequestsUserIsABleedWithBothLines() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (GenericContainer<?> server = FixtureServer.container("include=io.localdrop.it.containers.app")) {
            server.start();
            String setLine = null;
            String getLine = null;
            String leakedUser = null;
            // bounded rounds of concurrent requests, until a /whoami (which never logs in) saw a user
            for (int round = 0; round < MAX_ROUNDS && leakedUser == null; round++) {
                List<Future<String>> replies = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    String path = i % 2 == 0 ? "/login?user=user-" + round + "-" + i : "/whoami";
                    replies.add(clients.submit(() -> get(server, path)));
                }
                for (Future<String> reply : replies) {
                    String body = reply.get(60, TimeUnit.SECONDS);
                    if (body.startsWith("login")) {
                        setLine = field(body, "set-line");
                    } else if (!"-".equals(field(body, "user"))) {
                        leakedUser = field(body, "user");
                        getLine = field(body, "get-line");
                    }
                }
            }
            assertNotNull(leakedUser, "no /whoami saw another request's user in " + MAX_ROUNDS + " rounds");

            StoppedContainer stopped = LocaldropContainer.stop(server, Duration.ofSeconds(30));
            String setSite = HOLDER + ".login(RequestContext.java:" + setLine + ")";
            String readSite = HOLDER + ".currentUser(RequestContext.java:" + getLine + ")";
            List<Finding> bleeds = stopped.report().findings(Kind.BLEED).stream()
                    .filter(f -> f.setAt().contains(setSite)).collect(Collectors.toList());
            assertEquals(1, bleeds.size(), "one BLEED set at " + setSite + "; report:\n" + stopped.report().describe());
            Finding bleed = bleeds.get(0);
            assertEquals(Severity.ERROR, bleed.severity());
            assertEquals(List.of(readSite), bleed.readAt(), bleed.describe());
            assertEquals(HOLDER + ".USER", bleed.threadLocal().field(), bleed.describe());
            assertEquals("java.lang.String", bleed.valueType(), bleed.describe());
            assertFalse(stopped.reportJson().orElseThrow().contains(leakedUser), "a report never holds a value");
            System.out.println("/whoami saw " + leakedUser + "; localdrop: " + bleed.describe());
        } finally {
            clients.shutdownNow();
        }
    }
}
