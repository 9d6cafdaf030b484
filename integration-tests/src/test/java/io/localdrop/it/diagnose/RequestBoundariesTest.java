package io.localdrop.it.diagnose;

import static io.localdrop.it.diagnose.Diagnosed.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The unit of work is the request on real servers, whatever runs it: a Jetty 12 connection's job serving
 * keep-alive requests on a QueuedThreadPool (reserved threads) or a VirtualThreadPool, Tomcat on its pool or on
 * virtual threads, Undertow's JBoss
 * EnhancedQueueExecutor workers and Netty's DefaultEventExecutorGroup, which the agent knows by no name, and handlers
 * on the event loop of Netty's epoll transport, between the loop's tasks (a connection per request) and in its read
 * events (keep-alive requests on one connection). Each with
 * correct code (no WARNING or ERROR) and leaky code (a BLEED at the application's lines whose count is the number
 * of bleeding reads the client counted), and clearAfterTask stopping the bleed.
 */
class RequestBoundariesTest {
    private static final String FIELD = "io.localdrop.it.diagnose.SignedInUser.USER";
    private static final int ROUNDS = 20;

    private static Class<?> fixture(String server) {
        switch (server) {
            case "jetty":
                return JettyRequestsFixture.class;
            case "undertow":
                return UndertowRequestsFixture.class;
            case "netty":
                return NettyRequestsFixture.class;
            case "tomcat":
                return TomcatRequestsFixture.class;
            default:
                throw new IllegalArgumentException(server);
        }
    }

    private static Diagnosed run(String server, String api, String pool, String variant, String options)
            throws Exception {
        if (pool.equals("virtual")) {
            assumeTrue(ChildJvm.javaFeature() >= 21, "virtual threads need JDK 21+");
        }
        if (pool.startsWith("epoll")) {
            assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(), "Netty's epoll transport needs Linux x86_64");
        }
        Diagnosed run = Diagnosed.run(fixture(server), options, api, pool, variant, Integer.toString(ROUNDS));
        assertTrue(run.result.stdout().contains("served by " + server), run::toString);
        return run;
    }

    private static int bleedingReads(Diagnosed run) {
        for (String line : run.result.stdoutLines()) {
            if (line.startsWith("bleeding reads: ")) {
                return Integer.parseInt(line.substring("bleeding reads: ".length()).trim());
            }
        }
        throw new AssertionError("no count of bleeding reads\n" + run);
    }

    /**
     * {@code reuses}: whether this server is known to serve a later request of the connection on a thread that an
     * earlier one left its value on (Jetty's servlets and Tomcat on virtual threads get a fresh thread per request:
     * the leak is then a TASK_LEAK that nothing reads, and the client sees no bleed, nor may the agent).
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "jetty, core, queued, true",
        "jetty, ee10, queued, true",
        "jetty, core, virtual, true",
        "jetty, ee10, virtual, false",
        "undertow, handler, workers, true",
        "undertow, handler, io-thread, true",
        "netty, handler, executor-group, true",
        "netty, handler, event-loop, true",
        "netty, handler, epoll, true",
        "netty, handler, epoll-keep-alive, true",
        "tomcat, servlet, platform, true",
        "tomcat, servlet, virtual, false",
    })
    void aLeakedUserIsOneBleedCountedAsOftenAsTheClientSawIt(String server, String api, String pool, boolean reuses)
            throws Exception {
        Diagnosed run = run(server, api, pool, "leaky", "");
        int bleeding = bleedingReads(run);
        Finding leak = run.only(Kind.TASK_LEAK, FIELD);
        assertEquals(List.of(site("io.localdrop.it.diagnose.SignedInUser", "login", "SignedInUser.java", "server-set")),
                leak.setAt(), run::toString);
        if (!reuses) {
            assertEquals(bleeding, run.findings(Kind.BLEED).stream().mapToLong(Finding::count).sum(), run::toString);
            return;
        }
        assertTrue(bleeding > 0, () -> "the leaky server never answered with an earlier user\n" + run);
        Finding bleed = run.only(Kind.BLEED, FIELD);
        assertEquals(bleeding, bleed.count(), run::toString);
        assertEquals(List.of(site("io.localdrop.it.diagnose.SignedInUser", "login", "SignedInUser.java", "server-set")),
                bleed.setAt(), run::toString);
        assertEquals(List.of(site("io.localdrop.it.diagnose.SignedInUser", "whoami", "SignedInUser.java",
                "server-read")), bleed.readAt(), run::toString);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "jetty, core, queued",
        "jetty, ee10, queued",
        "jetty, core, virtual",
        "jetty, ee10, virtual",
        "undertow, handler, workers",
        "undertow, handler, io-thread",
        "netty, handler, executor-group",
        "netty, handler, event-loop",
        "netty, handler, epoll",
        "netty, handler, epoll-keep-alive",
        "tomcat, servlet, platform",
        "tomcat, servlet, virtual",
    })
    void correctCodeGivesNoWarningNorError(String server, String api, String pool) throws Exception {
        Diagnosed run = run(server, api, pool, "correct", "");
        assertEquals(0, bleedingReads(run), run::toString);
        assertEquals(List.of(), run.problems(), run::toString);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "jetty, core, queued",
        "jetty, ee10, queued",
        "jetty, core, virtual",
        "jetty, ee10, virtual",
        "undertow, handler, workers",
        "undertow, handler, io-thread",
        "netty, handler, executor-group",
        "netty, handler, event-loop",
        "tomcat, servlet, platform",
    })
    void clearAfterTaskStopsTheBleed(String server, String api, String pool) throws Exception {
        Diagnosed run = run(server, api, pool, "leaky", "mode=enforce,clearAfterTask=true");
        assertEquals(0, bleedingReads(run), run::toString);
        assertEquals(List.of(), run.findings(Kind.BLEED), run::toString);
    }

    /**
     * The same application keeping its user in a per-thread map instead, made lazily by its put and emptied by its
     * remove, as an MDC is (SignedInUser, {@code localdrop.it.userInMap}): on each server, in tasks and in an event
     * loop's I/O handling between them, the leaky code's map is a TASK_LEAK at the put that made it and every stale
     * read a BLEED at the get (a container's bleed counts every later read, the login's own one too: at least the
     * client's count), and the correct code's map, kept empty, is no problem.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "jetty, core, queued",
        "undertow, handler, workers",
        "netty, handler, event-loop",
        "netty, handler, epoll",
        "tomcat, servlet, platform",
    })
    void aUserLeftInAPerThreadMapIsALeakAndEveryStaleReadABleed(String server, String api, String pool)
            throws Exception {
        if (pool.startsWith("epoll")) {
            assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(), "Netty's epoll transport needs Linux x86_64");
        }
        String context = "io.localdrop.it.diagnose.SignedInUser.CONTEXT";
        Diagnosed leaky = Diagnosed.run(ChildJvm.main(fixture(server)).jvmArgs("-Dlocaldrop.it.userInMap=true"), "",
                api, pool, "leaky", Integer.toString(ROUNDS));
        int bleeding = bleedingReads(leaky);
        assertTrue(bleeding > 0, () -> "the leaky server never answered with an earlier user\n" + leaky);
        Finding leak = leaky.only(Kind.TASK_LEAK, context);
        assertEquals(List.of(site("io.localdrop.it.diagnose.SignedInUser", "put", "SignedInUser.java", "map-made")),
                leak.setAt(), leaky::toString);
        Finding bleed = leaky.only(Kind.BLEED, context);
        assertTrue(bleed.count() >= bleeding, leaky::toString);
        assertTrue(bleed.readAt().contains(site("io.localdrop.it.diagnose.SignedInUser", "get", "SignedInUser.java",
                "map-read")), leaky::toString);
        Diagnosed correct = Diagnosed.run(ChildJvm.main(fixture(server)).jvmArgs("-Dlocaldrop.it.userInMap=true"), "",
                api, pool, "correct", Integer.toString(ROUNDS));
        assertEquals(0, bleedingReads(correct), correct::toString);
        assertEquals(List.of(), correct.problems(), correct::toString);
    }

    /**
     * clearAfterTask removes what the task-end scan judged a leak, never a per-thread cache: Netty's per-thread map,
     * set once when a thread first uses the allocator and reused by every later task, must stay, or the allocator
     * builds (and never frees) a new thread cache per task.
     */
    @Test
    void clearAfterTaskKeepsNettysPerThreadCache() throws Exception {
        Diagnosed run = Diagnosed.run(NettyAllocatorFixture.class, "mode=enforce,clearAfterTask=true");
        assertTrue(run.result.stdout().contains("thread caches: 2"), run::toString);
    }
}
