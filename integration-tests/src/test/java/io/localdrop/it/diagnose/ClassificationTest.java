package io.localdrop.it.diagnose;

import static io.localdrop.it.diagnose.Diagnosed.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The classification rules of docs/diagnose.md ("How findings are classified"), each with correct code (no
 * WARNING or ERROR) and leaky code (the expected kind, with the application's lines), in child JVMs, against the
 * real libraries where there is one: logback 1.5's MDC map and appender ReentryGuard, Tomcat 10.1's lazily made
 * dispatch data; a Netty-like lazy per-thread map; a guard and an isAdmin flag with initial values; a plugin's
 * ThreadLocal subclass holding a String; and a million ThreadLocals made on one line.
 */
class ClassificationTest {
    private static final String PKG = "io.localdrop.it.diagnose.";
    private static final String MDC_ADAPTER = "ch.qos.logback.classic.util.LogbackMDCAdapter.";

    /**
     * A per-thread memo cache in a JDK map (made by withInitial, or lazily by its reading method) holds entries at every
     * task end; read only by the method that fills it, it is that code's state: CACHE, no problem. Until 2026-12-08
     * the jdk-container rule alone judged it: TASK_LEAK and BLEED for each map in every run.
     */
    @Test
    void aPerThreadMemoCacheInAJdkMapIsACacheNotAnError() throws Exception {
        Diagnosed run = Diagnosed.runCorrect(MapCacheFixture.class, "wrong patterns: ", "");
        for (String field : List.of("BY_INITIAL", "LAZILY")) {
            Finding cache = run.only(Kind.CACHE, PKG + "MapCacheFixture." + field);
            assertEquals("own-container", run.raw(cache, "classifiedBy"), run::toString);
        }
    }

    /**
     * The same two forms of map holding request data (a user left by the first task on each thread, read by a
     * later task's get, another method than the put that filled it): a TASK_LEAK and BLEEDs as many as the fixture's
     * own stale reads, each read at the fixture's get.
     */
    @Test
    void aContextMapLeftFilledByTheTaskThatMadeItIsALeakOfThatTaskAndABleedOfTheLaterGet() throws Exception {
        Diagnosed run = Diagnosed.run(ContextMapFixture.class, "");
        assertEquals(12, run.printed("stale reads: "), run::toString);
        String[][] forms = {{"BY_INITIAL", "getInitial", "initial-get", "putInitial", "initial-put"},
            {"LAZILY", "getLazily", "lazy-get", "putLazily", "lazy-put"}};
        for (String[] form : forms) {
            String field = PKG + "ContextMapFixture." + form[0];
            Finding leak = run.only(Kind.TASK_LEAK, field);
            assertEquals("jdk-container", run.raw(leak, "classifiedBy"), run::toString);
            assertEquals(List.of(site(PKG + "ContextMapFixture", form[3], "ContextMapFixture.java", form[4])),
                    leak.setAt(), run::toString);
            List<Finding> bleeds = run.report.findings(Kind.BLEED).stream()
                    .filter(b -> field.equals(b.threadLocal().field())).collect(Collectors.toList());
            assertEquals(6, bleeds.stream().mapToLong(Finding::count).sum(), run::toString);
            String staleRead = site(PKG + "ContextMapFixture", form[1], "ContextMapFixture.java", form[2]);
            assertTrue(bleeds.stream().anyMatch(b -> b.readAt().contains(staleRead)), run::toString);
        }
        assertEquals(List.of(), run.findings(Kind.CACHE), run::toString);
    }

    /**
     * Pool workers made by a request while its user was in an InheritableThreadLocal start with a copy of it: each
     * later job that reads the user reads that request's, a BLEED of each ({@code inherited}), at the read, set at
     * the sign-in, and no TASK_LEAK (no job left it). The same through Spring Security's
     * {@code MODE_INHERITABLETHREADLOCAL}, and through slf4j's {@code BasicMDCAdapter}, whose workers inherit a copy of
     * the request's map. Workers made before anybody signed in inherit nothing.
     */
    @Test
    void aUserAPoolsWorkersInheritedFromTheRequestThatMadeThemBleedsIntoEveryLaterJob() throws Exception {
        Diagnosed run = Diagnosed.run(InheritedContextFixture.class, "", "leaky");
        assertEquals(InheritedContextFixture.LATER_JOBS, run.printed("stale reads: "), run::toString);
        Finding bleed = run.only(Kind.BLEED, PKG + "InheritedContextFixture.USER");
        assertEquals(InheritedContextFixture.LATER_JOBS, bleed.count(), run::toString);
        assertEquals("inherited", run.raw(bleed, "classifiedBy"), run::toString);
        assertEquals(List.of(site(PKG + "InheritedContextFixture", "signIn", "InheritedContextFixture.java", "sign-in")),
                bleed.setAt(), run::toString);
        assertTrue(bleed.readAt().contains(site(PKG + "InheritedContextFixture", "currentUser",
                "InheritedContextFixture.java", "current-user")), run::toString);
        assertEquals(List.of(), run.findings(Kind.TASK_LEAK), run::toString);

        Diagnosed spring = Diagnosed.run(InheritedContextFixture.class, "", "spring-security");
        assertEquals(InheritedContextFixture.LATER_JOBS, spring.printed("stale reads: "), spring::toString);
        List<Finding> bleeds = spring.createdIn(Kind.BLEED, "org.springframework.security.");
        assertEquals(InheritedContextFixture.LATER_JOBS, bleeds.stream().mapToLong(Finding::count).sum(),
                spring::toString);
        bleeds.forEach(b -> assertEquals("inherited", spring.raw(b, "classifiedBy"), spring::toString));
        // the library's line stored it; the stack of that store, on the request's thread, names the request's call
        String springSignIn = site(PKG + "InheritedContextFixture", "lambda$main$1", "InheritedContextFixture.java",
                "request: spring sign-in");
        bleeds.forEach(b -> assertEquals(springSignIn, spring.raw(b, "appFrame"), spring::toString));

        // an inherited copy of a context map, holding the request's entry
        Diagnosed mdc = Diagnosed.run(InheritedContextFixture.class, "", "slf4j-mdc");
        assertEquals(InheritedContextFixture.LATER_JOBS, mdc.printed("stale reads: "), mdc::toString);
        List<Finding> mdcBleeds = mdc.createdIn(Kind.BLEED, "org.slf4j.helpers.BasicMDCAdapter");
        assertEquals(InheritedContextFixture.LATER_JOBS, mdcBleeds.stream().mapToLong(Finding::count).sum(),
                mdc::toString);
        assertEquals(List.of(), mdc.findings(Kind.TASK_LEAK), mdc::toString);
        String mdcPut = site(PKG + "InheritedContextFixture", "lambda$main$1", "InheritedContextFixture.java",
                "request: mdc put");
        mdcBleeds.forEach(b -> assertEquals(mdcPut, mdc.raw(b, "appFrame"), mdc::toString));

        Diagnosed.runCorrect(InheritedContextFixture.class, "stale reads: ", "", "correct");
    }

    @Test
    void logbackMdcRemovedInFinallyAndTheAppendersGuardsAreNoProblem() throws Exception {
        Diagnosed.runCorrect(LogbackMdcFixture.class, "stale reads: ", "", "correct");
    }

    /**
     * clearAfterTask promises the next task a clean thread, so a container left filled by the task that made it is not
     * put on probation there (it may be request data): it is removed at that task's end, and no later read is stale.
     */
    @Test
    void clearAfterTaskRemovesAContainerLeftFilledByTheTaskThatMadeIt() throws Exception {
        Diagnosed maps = Diagnosed.run(ContextMapFixture.class, "mode=enforce,clearAfterTask=true");
        assertEquals(0, maps.printed("stale reads: "), maps::toString);
        assertEquals(List.of(), maps.findings(Kind.BLEED), maps::toString);
        Diagnosed mdc = Diagnosed.run(LogbackMdcFixture.class, "mode=enforce,clearAfterTask=true", "leaky-first");
        assertEquals(0, mdc.printed("stale reads: "), mdc::toString);
        assertEquals(List.of(), mdc.findings(Kind.BLEED), mdc::toString);
    }

    /**
     * clearAfterTask's clean next task holds for a value a pool's worker inherited from the thread that made it: it is
     * removed at the end of the worker's first task, so no later job reads the request's user.
     */
    @Test
    void clearAfterTaskRemovesAValueTheWorkerInheritedAtItsFirstTasksEnd() throws Exception {
        Diagnosed run = Diagnosed.run(InheritedContextFixture.class, "mode=enforce,clearAfterTask=true", "leaky");
        assertEquals(0, run.printed("stale reads: "), run::toString);
        assertEquals(List.of(), run.findings(Kind.BLEED), run::toString);
        // removed from the worker, never closed: the object is its creator's, still in use there
        Diagnosed closeable = Diagnosed.run(InheritedContextFixture.class, "mode=enforce,clearAfterTask=true",
                "closeable");
        assertEquals(0, closeable.printed("creator's connection closed: "), closeable::toString);
    }

    /**
     * logback's map is made lazily by MDC.put, so the first request on a thread that leaves its id there leaves the map
     * it made (judged as the code's own container, by who reads it): the next request's MDC.get reads the id, a
     * TASK_LEAK and a BLEED as for a later leak into a map an earlier request made, as many as the stale reads.
     */
    @Test
    void logbackMdcLeftSetByTheRequestWhosePutMadeTheMapIsStillALeakAndABleed() throws Exception {
        Diagnosed run = Diagnosed.run(LogbackMdcFixture.class, "", "leaky-first");
        int oracle = run.printed("stale reads: ");
        assertTrue(oracle > 0, run::toString);
        List<Finding> leaks = run.createdIn(Kind.TASK_LEAK, MDC_ADAPTER);
        assertFalse(leaks.isEmpty(), run::toString);
        leaks.forEach(leak -> assertEquals("jdk-container", run.raw(leak, "classifiedBy"), run::toString));
        List<Finding> bleeds = run.createdIn(Kind.BLEED, MDC_ADAPTER);
        assertEquals(oracle, bleeds.stream().mapToLong(Finding::count).sum(), run::toString);
        // (logback's read-only copy, a Collections wrapper made lazily by getPropertyMap, is a lazy-init CACHE)
        assertTrue(run.createdIn(Kind.CACHE, MDC_ADAPTER).stream()
                .noneMatch(cache -> "own-container".equals(run.raw(cache, "classifiedBy"))), run::toString);
    }

    @Test
    void logbackMdcLeftSetIsALeakOfTheLeakyEndpointAndABleedOfTheLaterRead() throws Exception {
        Diagnosed run = Diagnosed.run(LogbackMdcFixture.class, "", "leaky");
        int oracle = run.printed("stale reads: ");
        assertTrue(oracle > 0, run::toString);
        String leakyPut = site(PKG + "LogbackMdcFixture", "leakyEndpoint", "LogbackMdcFixture.java", "mdc-leaky-put");
        String correctPut = site(PKG + "LogbackMdcFixture", "correctEndpoint", "LogbackMdcFixture.java",
                "mdc-correct-put");
        List<Finding> leaks = run.createdIn(Kind.TASK_LEAK, MDC_ADAPTER);
        assertFalse(leaks.isEmpty(), run::toString);
        boolean blamedLeaky = false;
        for (Finding leak : leaks) {
            List<String> stack = run.rawList(leak, "setStack");
            assertFalse(stack.contains(correctPut), () -> "a leak blamed on the correct endpoint\n" + run);
            // the leaky endpoint's put, or its MDC.get just before (the last get that returned the map empty while
            // the watch was on: it stops once a finding has a stack, possibly in the middle of another thread's task)
            blamedLeaky |= stack.contains(leakyPut) || stack.stream().anyMatch(frame -> frame.startsWith(
                    PKG + "LogbackMdcFixture.leakyEndpoint(LogbackMdcFixture.java:"));
            assertEquals("jdk-container", run.raw(leak, "classifiedBy"), run::toString);
            if (!stack.isEmpty()) {
                assertEquals(leak.setAt().get(0), stack.get(0), "setStack starts at setAt");
                // the application's own caller, past logback's jar and slf4j's facade (both jars)
                assertTrue(((String) run.raw(leak, "appFrame")).startsWith(PKG + "LogbackMdcFixture."), run::toString);
            }
        }
        assertTrue(blamedLeaky, () -> "no leak names the leaky endpoint\n" + run);
        String staleRead = site(PKG + "LogbackMdcFixture", "statusEndpoint", "LogbackMdcFixture.java",
                "mdc-stale-read");
        List<Finding> bleeds = run.createdIn(Kind.BLEED, MDC_ADAPTER);
        assertEquals(oracle, bleeds.stream().mapToLong(Finding::count).sum(), run::toString);
        assertTrue(bleeds.stream().anyMatch(b -> {
            try {
                return run.rawList(b, "readStack").contains(staleRead);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }), run::toString);
    }

    @Test
    void aGuardThatPutsBackWhatItStartedFromAndARemovedFlagAreNoProblem() throws Exception {
        Diagnosed.runCorrect(IsAdminFixture.class, "anonymous requests that saw admin: ", "", "correct");
    }

    @Test
    void aFlagStoredByLoginAndReadByAnotherPageIsABleed() throws Exception {
        Diagnosed run = Diagnosed.run(IsAdminFixture.class, "", "leaky");
        int oracle = run.printed("anonymous requests that saw admin: ");
        assertEquals(4, oracle, run::toString);
        Finding bleed = run.only(Kind.BLEED, PKG + "IsAdminFixture.IS_ADMIN");
        assertEquals(oracle, bleed.count(), run::toString);
        assertEquals(List.of(site(PKG + "IsAdminFixture$Login", "login", "IsAdminFixture.java", "admin-set")),
                bleed.setAt());
        assertEquals(List.of(site(PKG + "IsAdminFixture$AdminPage", "anonymousRequest", "IsAdminFixture.java",
                "admin-read")), bleed.readAt());
        assertEquals(2L, ((Number) run.raw(bleed, "threadCount")).longValue(), run::toString);
        run.only(Kind.TASK_LEAK, PKG + "IsAdminFixture.IS_ADMIN");
        // the guard beside it stays no problem
        assertEquals(2, run.problems().size(), run::toString);
    }

    @Test
    void aLazilyMadePerThreadMapReusedByItsOwnCodeIsACache() throws Exception {
        Diagnosed run = Diagnosed.run(LazyScratchFixture.class, "", "correct");
        assertEquals(List.of(), run.problems(), run::toString);
        Finding cache = run.only(Kind.CACHE, PKG + "LazyScratchFixture$ScratchMap.SLOW");
        assertEquals("lazy-init", run.raw(cache, "classifiedBy"), run::toString);
        assertEquals(List.of(site(PKG + "LazyScratchFixture$ScratchMap", "get", "LazyScratchFixture.java",
                "scratch-set")), cache.setAt());
    }

    @Test
    void aLazilyMadePerThreadMapReadByOtherCodeIsABleed() throws Exception {
        Diagnosed run = Diagnosed.run(LazyScratchFixture.class, "", "leaky");
        assertEquals(2, run.printed("stale users seen: "), run::toString);
        Finding bleed = run.only(Kind.BLEED, PKG + "LazyScratchFixture$ScratchMap.SLOW");
        assertEquals(2, bleed.count(), run::toString);
        assertEquals(List.of(site(PKG + "LazyScratchFixture$Peeker", "peek", "LazyScratchFixture.java",
                "scratch-foreign-read")), bleed.readAt());
    }

    @Test
    void tomcatsLazyDispatchDataAndARemovedRequestUserAreNoProblem() throws Exception {
        Diagnosed.runCorrect(TomcatDispatchFixture.class, "anonymous requests that saw a user: ", "", "correct");
    }

    @Test
    void aRequestUserLeftOnATomcatWorkerBleedsIntoLaterRequests() throws Exception {
        Diagnosed run = Diagnosed.run(TomcatDispatchFixture.class, "", "leaky");
        int oracle = run.printed("anonymous requests that saw a user: ");
        assertTrue(oracle > 0, run::toString);
        Finding bleed = run.only(Kind.BLEED, PKG + "TomcatDispatchFixture.USER");
        assertEquals(oracle, bleed.count(), run::toString);
        assertEquals(List.of(site(PKG + "TomcatDispatchFixture$Front", "doGet", "TomcatDispatchFixture.java",
                "tomcat-user-set")), bleed.setAt());
        assertEquals(List.of(site(PKG + "TomcatDispatchFixture$Status", "doGet", "TomcatDispatchFixture.java",
                "tomcat-user-read")), bleed.readAt());
        assertEquals(List.of(), run.problems().stream()
                .filter(f -> !(PKG + "TomcatDispatchFixture.USER").equals(f.threadLocal().field()))
                .collect(Collectors.toList()), run::toString);
    }

    @Test
    void aPluginThreadLocalSubclassHoldingAJdkValuePinsNothing() throws Exception {
        // the leaky counterpart (a plugin's own object in the value) is DiagnoseFindingsTest's plugin test
        Diagnosed run = Diagnosed.run(PluginStringFixture.class, "", System.getProperty("localdrop.fixtures.classes"));
        assertTrue(run.result.stdout().contains("plugin loader collected: "), run::toString);
        assertEquals(List.of(), run.findings(Kind.CLASSLOADER_PIN), run::toString);
    }

    @Test
    void aMillionThreadLocalsMadeOnOneLineAreOneFinding() throws Exception {
        Diagnosed run = Diagnosed.run(FloodFixture.class, "", "1000000");
        assertTrue(run.result.stdout().contains("stored: 500000"), run::toString);
        String created = site(PKG + "FloodFixture$Session", "<init>", "FloodFixture.java", "flood-created");
        List<Finding> leaks = run.findings(Kind.TASK_LEAK);
        assertEquals(1, leaks.size(), () -> run.json.length() < 20_000 ? run.toString() : run.json.substring(0, 20_000));
        Finding leak = leaks.get(0);
        assertEquals(created, leak.threadLocal().createdAt());
        assertEquals(List.of(site(PKG + "FloodFixture$Session", "remember", "FloodFixture.java", "flood-set")),
                leak.setAt());
        assertTrue(((Number) run.raw(leak, "instances")).longValue() > 1, run::toString);
        assertEquals(1, run.report.findings().size(), run::toString);
        assertTrue(run.json.length() < 20_000, () -> "report of " + run.json.length() + " characters");
        // each ThreadLocal the line made beyond its bound counted once: not again at its store
        java.util.regex.Matcher untracked = java.util.regex.Pattern.compile("\"threadLocalsUntracked\"\\s*:\\s*(\\d+)")
                .matcher(run.json);
        assertTrue(untracked.find(), run::toString);
        long count = Long.parseLong(untracked.group(1));
        assertTrue(count > 900_000 && count < 1_000_000, () -> "threadLocalsUntracked " + count + " of a million made");
    }
}
