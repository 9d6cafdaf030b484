package io.localdrop.it.diagnose;

import static io.localdrop.it.diagnose.Diagnosed.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.Severity;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Each finding kind from a small program that has exactly that mistake (or none), read from the JSON report. */
class DiagnoseFindingsTest {
    private static final String PKG = "io.localdrop.it.diagnose.";

    @Test
    void requestContextSetInOneTaskAndReadInTheNextIsABleedNamingBothLines() throws Exception {
        Diagnosed run = Diagnosed.run(BleedFixture.class, "");
        assertTrue(run.result.stdout().contains("second tasks saw: [someone, someone]"), run::toString);

        Finding bleed = run.only(Kind.BLEED, PKG + "RequestContext.CURRENT");
        assertEquals(Severity.ERROR, bleed.severity());
        assertEquals(site(PKG + "RequestContext", "<clinit>", "RequestContext.java", "created-site"),
                bleed.threadLocal().createdAt());
        assertEquals("java.lang.ThreadLocal", bleed.threadLocal().type());
        assertEquals(List.of(site(PKG + "RequestContext", "set", "RequestContext.java", "set-site")), bleed.setAt());
        assertEquals(List.of(site(PKG + "RequestContext", "get", "RequestContext.java", "read-site")), bleed.readAt());
        assertEquals(PKG + "RequestContext$User", bleed.valueType());
        assertEquals("app", bleed.valueClassLoader());
        assertEquals(2, bleed.threads().size(), run::toString);
        assertTrue(bleed.threads().stream().allMatch(name -> name.startsWith("pool-1-thread-")), run::toString);
        assertEquals(2, bleed.count());

        Finding leak = run.only(Kind.TASK_LEAK, PKG + "RequestContext.CURRENT");
        assertEquals(Severity.WARNING, leak.severity());
        assertEquals(bleed.setAt(), leak.setAt());
        assertEquals(2, leak.threads().size());
        assertEquals(1, run.report.summary().errors(), run::toString);
        assertEquals(1, run.report.summary().warnings(), run::toString);
    }

    @Test
    void aWithInitialFormatterCacheIsOnlyACache() throws Exception {
        Diagnosed run = Diagnosed.run(FormatterCacheFixture.class, "");
        assertTrue(run.result.stdout().contains("round 2: [1970-01-01, 1970-01-01]"), run::toString);
        assertEquals(List.of(), run.problems(), run::toString);
        Finding cache = run.only(Kind.CACHE, PKG + "FormatterCacheFixture.FORMAT");
        assertEquals(Severity.INFO, cache.severity());
        assertEquals(site(PKG + "FormatterCacheFixture", "<clinit>", "FormatterCacheFixture.java", "cache-created"),
                cache.threadLocal().createdAt());
        assertEquals("java.text.SimpleDateFormat", cache.valueType());
        assertEquals(2, cache.threads().size(), run::toString);
        assertEquals(1, run.report.findings().size(), run::toString);
    }

    @Test
    void aPluginValueKeptByAPoolThreadPinsThePluginLoader() throws Exception {
        Diagnosed run = Diagnosed.run(PluginFixture.class, "", System.getProperty("localdrop.fixtures.classes"));
        assertTrue(run.result.stdout().contains("plugin class from its own loader: true"), run::toString);
        Finding pin = run.only(Kind.CLASSLOADER_PIN, PKG + "PluginFixture.PLUGIN_STATE");
        assertEquals(Severity.ERROR, pin.severity());
        assertEquals("plugin", pin.valueClassLoader());
        assertEquals(PKG + "PluginValue", pin.valueType());
        assertEquals(List.of(site(PKG + "PluginFixture", "lambda$main$0", "PluginFixture.java", "plugin-set")),
                pin.setAt());
        assertEquals(List.of("pool-1-thread-1"), pin.threads());
        assertEquals(site(PKG + "PluginFixture", "<clinit>", "PluginFixture.java", "plugin-created"),
                pin.threadLocal().createdAt());
        // the same object kept as an entry of a per-thread HashMap pins the loader too: the finding names the entry
        Finding cached = run.only(Kind.CLASSLOADER_PIN, PKG + "PluginFixture.PLUGIN_CACHE");
        assertEquals("plugin", cached.valueClassLoader(), run::toString);
        assertEquals(PKG + "PluginValue", cached.valueType(), run::toString);
        assertEquals("jdk-container", run.raw(cached, "classifiedBy"), run::toString);
    }

    @Test
    void anAutoCloseableLeftOnAnExitingThreadIsAnExitLeak() throws Exception {
        Diagnosed run = Diagnosed.run(ExitLeakFixture.class, "");
        assertTrue(run.result.stdout().contains("worker ended"), run::toString);
        assertFalse(run.result.stdout().contains("closed"), "diagnose must not close anything: " + run);
        Finding exit = run.only(Kind.EXIT_LEAK, PKG + "ExitLeakFixture.CONNECTION");
        assertEquals(Severity.WARNING, exit.severity());
        assertEquals(PKG + "ExitLeakFixture$Connection", exit.valueType());
        assertEquals(List.of("exiting-worker"), exit.threads());
        assertEquals(List.of(site(PKG + "ExitLeakFixture", "lambda$main$0", "ExitLeakFixture.java", "exit-set")),
                exit.setAt());
        assertEquals(site(PKG + "ExitLeakFixture", "<clinit>", "ExitLeakFixture.java", "exit-created"),
                exit.threadLocal().createdAt());
    }

    @Test
    void subclassTypedAndAnonymousSubclassThreadLocalsAreAttributedToTheirOwnLines() throws Exception {
        Diagnosed run = Diagnosed.run(SubclassFixture.class, "");
        // the anonymous subclass's get() calls super.get(): rewriting that would recurse forever
        assertTrue(run.result.stdout().contains("second task saw tenant-1/7"), run::toString);

        Finding tenant = run.only(Kind.TASK_LEAK, PKG + "SubclassFixture.TENANT");
        assertEquals(PKG + "SubclassFixture$TenantLocal", tenant.threadLocal().type());
        assertEquals(site(PKG + "SubclassFixture", "<clinit>", "SubclassFixture.java", "tenant-created"),
                tenant.threadLocal().createdAt());
        assertEquals(List.of(site(PKG + "SubclassFixture", "lambda$main$0", "SubclassFixture.java", "tenant-set")),
                tenant.setAt());

        Finding anonymous = run.only(Kind.TASK_LEAK, PKG + "SubclassFixture.TRACE");
        assertEquals(PKG + "SubclassFixture$1", anonymous.threadLocal().type());
        assertEquals(site(PKG + "SubclassFixture", "<clinit>", "SubclassFixture.java", "anon-created"),
                anonymous.threadLocal().createdAt());
        assertEquals(List.of(site(PKG + "SubclassFixture", "lambda$main$0", "SubclassFixture.java", "anon-set")),
                anonymous.setAt());
        assertEquals("java.lang.StringBuilder", anonymous.valueType());

        // both were read by the second task: bleeds, each with the reading line
        assertEquals(1, run.only(Kind.BLEED, PKG + "SubclassFixture.TENANT").readAt().size(), run::toString);
        assertEquals(1, run.only(Kind.BLEED, PKG + "SubclassFixture.TRACE").readAt().size(), run::toString);
    }

    @Test
    void correctUseOfThreadLocalsGivesNoWarningOrError() throws Exception {
        Diagnosed run = Diagnosed.run(CorrectUsageFixture.class, "");
        assertTrue(run.result.stdout().contains("fork-join sum: "), run::toString);
        assertEquals(List.of(), run.problems(), run::toString);
        assertEquals(0, run.report.summary().errors());
        assertEquals(0, run.report.summary().warnings());
        // the two per-thread caches are reported as caches
        run.only(Kind.CACHE, PKG + "CorrectUsageFixture.BUFFER");
        run.only(Kind.CACHE, PKG + "CorrectUsageFixture.DIGEST");
    }
}
