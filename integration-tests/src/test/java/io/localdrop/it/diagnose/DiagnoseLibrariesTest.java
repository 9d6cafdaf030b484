package io.localdrop.it.diagnose;

import static io.localdrop.it.diagnose.Diagnosed.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.Severity;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Real libraries, unchanged, from Maven Central: the findings name the library's classes (where its
 * ThreadLocal lives and is set) and, through setStack/readStack, this test's own calling lines.
 */
class DiagnoseLibrariesTest {
    private static final String PKG = "io.localdrop.it.diagnose.";

    private static Finding onlyOf(Diagnosed run, Kind kind, String typeOrCreatedPrefix) {
        List<Finding> matching = run.findings(kind).stream()
                .filter(f -> f.threadLocal().createdAt() != null && f.threadLocal().createdAt().startsWith(typeOrCreatedPrefix))
                .collect(Collectors.toList());
        assertEquals(1, matching.size(), () -> "one " + kind + " created in " + typeOrCreatedPrefix + "\n" + run);
        return matching.get(0);
    }

    @Test
    void log4jThreadContextLeftSetAcrossPooledTasksBleeds() throws Exception {
        Diagnosed run = Diagnosed.run(Log4jMdcFixture.class, "");
        assertTrue(run.result.stdout().contains("second tasks saw a stale requestId: [true, true]"), run::toString);

        Finding leak = onlyOf(run, Kind.TASK_LEAK, "org.apache.logging.log4j.");
        assertEquals(Severity.WARNING, leak.severity());
        assertTrue(leak.setAt().get(0).startsWith("org.apache.logging.log4j."), run::toString);
        assertEquals(2, leak.threads().size(), run::toString);
        assertTrue(run.rawList(leak, "setStack").contains(
                site(PKG + "Log4jMdcFixture", "lambda$main$0", "Log4jMdcFixture.java", "mdc-put")), run::toString);

        Finding bleed = onlyOf(run, Kind.BLEED, "org.apache.logging.log4j.");
        assertEquals(Severity.ERROR, bleed.severity());
        assertTrue(bleed.readAt().get(0).startsWith("org.apache.logging.log4j."), run::toString);
        assertTrue(run.rawList(bleed, "readStack").contains(
                site(PKG + "Log4jMdcFixture", "lambda$main$1", "Log4jMdcFixture.java", "mdc-get")), run::toString);
    }

    @Test
    void log4jThreadContextPutAndRemovedByEachTaskIsNoProblem() throws Exception {
        // remove(key) leaves log4j's shared empty state set, which the next task reads: no request's data
        Diagnosed.runCorrect(Log4jMdcCorrectFixture.class, "stale reads: ", "");
    }

    @Test
    void springTransactionsOnPooledTasksAreNoProblem() throws Exception {
        // TransactionSynchronizationManager's ThreadLocals, bound and unbound by Spring around each transaction
        Diagnosed.runCorrect(SpringTxFixture.class, "stale reads: ", "");
    }

    @Test
    void aResourceBoundToSpringsTransactionStateAndNeverUnboundBleeds() throws Exception {
        Diagnosed run = Diagnosed.run(SpringTxFixture.class, "", "leaky");
        int oracle = run.printed("stale reads: ");
        assertTrue(oracle > 0, run::toString);
        String resources = "org.springframework.transaction.support.TransactionSynchronizationManager.resources";
        Finding leak = run.only(Kind.TASK_LEAK, resources);
        assertTrue(leak.setAt().get(0).startsWith(
                "org.springframework.transaction.support.TransactionSynchronizationManager.bindResource("), run::toString);
        String bindLine = "(SpringTxFixture.java:" + Diagnosed.lineOf("SpringTxFixture.java", "tx-leaky-bind") + ")";
        assertTrue(run.rawList(leak, "setStack").stream().anyMatch(frame -> frame.endsWith(bindLine)), run::toString);
        Finding bleed = run.only(Kind.BLEED, resources);
        assertEquals(Severity.ERROR, bleed.severity());
        assertEquals(oracle, bleed.count(), run::toString);
        assertTrue(run.rawList(bleed, "readStack").contains(
                site(PKG + "SpringTxFixture", "sawAnotherTask", "SpringTxFixture.java", "tx-stale-read")), run::toString);
        assertEquals(2, run.problems().size(), run::toString); // nothing of Spring's own transaction state
    }

    @Test
    void jacksonBufferRecyclerIsACacheNotAnError() throws Exception {
        Diagnosed run = Diagnosed.run(JacksonFixture.class, "");
        assertTrue(run.result.stdout().contains("round 2: [{\"round\":2}, {\"round\":2}]"), run::toString);
        assertEquals(List.of(), run.problems(), run::toString);
        Finding cache = onlyOf(run, Kind.CACHE, "com.fasterxml.jackson.core.util.BufferRecyclers.");
        assertEquals(Severity.INFO, cache.severity());
        assertEquals("com.fasterxml.jackson.core.util.BufferRecyclers._recyclerRef", cache.threadLocal().field());
        assertEquals("java.lang.ref.SoftReference", cache.valueType());
        assertTrue(cache.setAt().get(0).startsWith("com.fasterxml.jackson.core.util.BufferRecyclers.getBufferRecycler("),
                run::toString);
        assertTrue(run.rawList(cache, "setStack").stream().anyMatch(frame ->
                frame.startsWith(PKG + "JacksonFixture.lambda$main$0(JacksonFixture.java:")), run::toString);
    }

    /**
     * HikariCP's per-thread list of the connections a thread returned is read by that thread's next task: in its
     * weak shape a JDK ArrayList, which the container rule would take for request data left behind, but it holds
     * weak references only; in its strong shape its own list, made by an initial value: a cache.
     */
    @Test
    void hikariPerThreadConnectionListIsNoLeakInEitherShape() throws Exception {
        Diagnosed weak = Diagnosed.run(HikariFixture.class, "", "true");
        assertTrue(weak.result.stdout().contains("round 3: [3, 3]"), weak::toString);
        assertEquals(List.of(), weak.problems(), weak::toString);
        assertEquals(List.of(), weak.report.findings().stream()
                .filter(f -> f.threadLocal().createdAt() != null
                        && f.threadLocal().createdAt().startsWith("com.zaxxer.hikari.util.ConcurrentBag."))
                .collect(Collectors.toList()), weak::toString);

        Diagnosed strong = Diagnosed.run(HikariFixture.class, "", "false");
        assertTrue(strong.result.stdout().contains("round 3: [3, 3]"), strong::toString);
        assertEquals(List.of(), strong.problems(), strong::toString);
        Finding cache = onlyOf(strong, Kind.CACHE, "com.zaxxer.hikari.util.ConcurrentBag.");
        assertEquals(Severity.INFO, cache.severity());
        assertEquals(2, cache.threads().size(), strong::toString);
    }

    @Test
    void springSecurityContextHolderBleedsAcrossTasks() throws Exception {
        Diagnosed run = Diagnosed.run(SpringSecurityFixture.class, "");
        assertTrue(run.result.stdout().contains("second tasks ran as: [alice, alice]"), run::toString);

        Finding bleed = onlyOf(run, Kind.BLEED, "org.springframework.security.core.context.");
        assertEquals(Severity.ERROR, bleed.severity());
        assertTrue(bleed.setAt().get(0).startsWith(
                "org.springframework.security.core.context.ThreadLocalSecurityContextHolderStrategy.setContext("), run::toString);
        assertTrue(bleed.readAt().get(0).startsWith(
                "org.springframework.security.core.context.ThreadLocalSecurityContextHolderStrategy."), run::toString);
        assertEquals(2, bleed.threads().size(), run::toString);
        assertTrue(run.rawList(bleed, "readStack").contains(
                site(PKG + "SpringSecurityFixture", "lambda$main$1", "SpringSecurityFixture.java", "spring-get")),
                run::toString);
        assertFalse(run.json.contains("secret"), "no value contents in the report");

        Finding leak = onlyOf(run, Kind.TASK_LEAK, "org.springframework.security.core.context.");
        assertTrue(run.rawList(leak, "setStack").contains(
                site(PKG + "SpringSecurityFixture", "lambda$main$0", "SpringSecurityFixture.java", "spring-set")),
                run::toString);
    }
}
