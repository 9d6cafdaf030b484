package io.localdrop.it.stacks.boot;

import static io.localdrop.it.stacks.HttpJson.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.localdrop.it.stacks.BleedOracle;
import io.localdrop.it.stacks.HttpJson;
import io.localdrop.it.stacks.PipelinedHttp;
import io.localdrop.it.stacks.RealStack;
import io.localdrop.it.stacks.StackReport;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spring Boot with leaky endpoints only (one container per concrete class):
 * <ol>
 *   <li>the tenant is put into logback's MDC on each of the two workers ({@code MDC.put} without remove),
 *       one request per worker at once (they meet at a rendezvous in the handler);</li>
 *   <li>keep-alive clients then mix requests that name a user in a header (a filter stores it in a
 *       ThreadLocal and never removes it), requests without that header that read the user, and requests
 *       that read the MDC's tenant and log with it; each client also sends {@value #PIPELINED_PAIRS} pipelined
 *       pairs (a request with a user, then one without, in one write: one worker reads both from the connection, one after the other);</li>
 *   <li>a connection ({@code AutoCloseable}) is left on each worker, then the JVM is stopped gracefully.</li>
 * </ol>
 * The oracles count the reads that saw an earlier request's user or tenant, from the answers.
 */
@Tag(RealStack.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LeakyBootStack {

    static final int WORKERS = 2;
    static final int CLIENTS = 3;
    static final int REQUESTS_PER_CLIENT = 24;
    static final int PIPELINED_PAIRS = 3;
    /** Requests that hand a job to the application's task executor (8 workers, made by the first 8 of them). */
    static final int ASYNC_REQUESTS = 20;

    final BleedOracle users = new BleedOracle();
    final BleedOracle tenants = new BleedOracle();
    final BleedOracle asyncRequests = new BleedOracle();
    StackReport report;

    abstract boolean virtualThreads();

    abstract String name();

    BootStack.Server server() {
        return BootStack.Server.TOMCAT;
    }

    @BeforeAll
    void driveTheApplicationOnce() throws Exception {
        try (BootStack stack = BootStack.start(name(), server(), virtualThreads())) {
            onEachWorker(stack, i -> "/leaky/tenant?group=tenants&parties=" + WORKERS + "&tenant=tenant-" + i);
            List<Callable<Void>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(() -> {
                    drive(stack.client(), client);
                    pipelinePairs(stack, client);
                    return null;
                });
            }
            HttpJson.together(clients);
            HttpJson async = stack.client();
            for (int i = 0; i < ASYNC_REQUESTS; i++) {
                // "own": the job saw its request's attributes; "other": an earlier request's, inherited by its worker
                String seen = text(async.get("/leaky/async-request"), "read");
                asyncRequests.read("own".equals(seen), seen);
            }
            onEachWorker(stack, i -> "/leaky/connection?group=connections&parties=" + WORKERS);
            report = stack.stop("users " + users + "; tenants " + tenants + "; async requests " + asyncRequests);
        }
    }

    /** One request per worker thread, all at once (the handler waits for the others). */
    private static void onEachWorker(BootStack stack, IntFunction<String> path) throws Exception {
        List<Callable<JsonNode>> requests = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            String p = path.apply(i);
            requests.add(() -> stack.client().get(p));
        }
        HttpJson.together(requests);
    }

    /** A request that stores a user, then one that only reads, pipelined: the second reads the first's user. */
    private void pipelinePairs(BootStack stack, int client) {
        for (int pair = 0; pair < PIPELINED_PAIRS; pair++) {
            String user = "pipelined-" + client + "-" + pair;
            List<JsonNode> seen = stack.pipelined(List.of(new PipelinedHttp.Get("/leaky/whoami", "X-User", user),
                    new PipelinedHttp.Get("/leaky/whoami")));
            assertEquals(user, text(seen.get(0), "read"), "a request must read the user it stored itself: " + seen);
            users.read(true, text(seen.get(0), "read"));
            users.read(false, text(seen.get(1), "read"));
        }
    }

    private void drive(HttpJson http, int client) {
        for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
            switch (i % 4) {
                case 0 -> {
                    String user = "user-" + client + "-" + i;
                    JsonNode seen = http.get("/leaky/whoami", "X-User", user);
                    assertEquals(user, text(seen, "read"), "a request must read the user it stored itself: " + seen);
                    users.read(true, text(seen, "read"));
                }
                case 3 -> tenants.read(false, text(http.get("/leaky/log"), "read"));
                default -> users.read(false, text(http.get("/leaky/whoami"), "read"));
            }
        }
    }

    @Test
    void aUserStoredByAFilterAndReadByALaterRequestIsABleedCountedLikeTheOracle() {
        report.assertBleed(BootStack.site("leaky.LeakyUserFilter", "doFilterInternal", "leak: user set"),
                BootStack.site("leaky.LeakyUser", "current", "leak: user read"), users);
    }

    @Test
    void aUserLeftAtTheEndOfARequestIsATaskLeakAtTheFilterLine() {
        requireLeftBehindApplies(users);
        report.assertLeftBehind(Kind.TASK_LEAK, BootStack.site("leaky.LeakyUserFilter", "doFilterInternal", "leak: user set"));
    }

    @Test
    void anMdcPutWithoutRemoveIsABleedNamingTheControllerLinesCountedLikeTheOracle() {
        report.assertBleed(BootStack.site("leaky.LeakyController", "tenant", "leak: mdc put"),
                BootStack.site("leaky.LeakyController", "log", "leak: mdc read"), tenants);
    }

    @Test
    void anMdcEntryLeftAtTheEndOfARequestIsATaskLeakAtTheControllerLine() {
        requireLeftBehindApplies(tenants);
        report.assertLeftBehind(Kind.TASK_LEAK, BootStack.site("leaky.LeakyController", "tenant", "leak: mdc put"));
    }

    /**
     * A request that makes its attributes inheritable and hands a job to Spring Boot's task executor: the executor's
     * workers, made by the first such requests, keep a copy of those requests' attributes, and every later job on them
     * reads an earlier request's (the oracle counts the answers that say so). One BLEED (rule {@code inherited}) naming the
     * controller's line and the job's read, counted like the oracle. On virtual threads each job runs on a new thread
     * that inherits its own request's attributes: no stale read and no BLEED.
     */
    @Test
    void requestAttributesTheTaskExecutorsWorkersInheritedAreABleedOfEveryLaterJob() {
        Finding bleed = report.assertBleed(BootStack.site("leaky.LeakyAsyncController", "asyncRequest",
                        "leak: inheritable request attributes"),
                BootStack.site("leaky.RequestSeenByAsyncJob", "requestSeen", "leak: async request read"), asyncRequests);
        if (bleed != null) {
            assertEquals("inherited", bleed.classifiedBy(), bleed.describe());
        }
    }

    /**
     * A value left on a platform worker at a request's end is always a TASK_LEAK (the worker lives on). On
     * virtual threads it is required only where a later request did read it (the oracle saw a bleed): a
     * virtual thread that served one request and ended left nothing behind for anyone.
     */
    private void requireLeftBehindApplies(BleedOracle oracle) {
        Assumptions.assumeTrue(!virtualThreads() || oracle.bleedingReads() > 0, () -> name()
                + ": not applicable, the oracle saw no request read this value on a virtual thread (" + oracle + ")");
    }
}
