package io.localdrop.agent.activation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.sites.ClassFilter;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which loading classes make the agent install itself (docs/agent.md, "When the agent installs itself"). */
class ActivationRuleTest {
    private static final ClassLoader APPLICATION = ClassLoader.getSystemClassLoader();
    private static final ActivationRule DIAGNOSE = new ActivationRule(new ClassFilter(List.of(), List.of()));
    private static final ActivationRule OFF = new ActivationRule(null);

    static final class HoldsAThreadLocal {
        static final ThreadLocal<String> VALUE = new ThreadLocal<>();
    }

    static final class ExtendsThreadLocal extends ThreadLocal<String> {
    }

    /** Calls {@code Runnable.run()}: the call a worker loop makes (merely implementing Runnable is not enough). */
    static final class RunsTasks {
        void runAll(Runnable[] tasks) {
            for (Runnable task : tasks) {
                task.run();
            }
        }
    }

    static final class Plain {
        int twice(int value) {
            return value * 2;
        }
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    /** An application class name (the agent's own package is never rewritten) for the bytes of {@code type}. */
    private static boolean triggers(ActivationRule rule, Class<?> type) throws IOException {
        return rule.triggers(APPLICATION, "com/example/" + type.getSimpleName(), bytes(type));
    }

    @Test
    void applicationClassesThatTheRewriterOrTheWorkerLoopFinderWouldParseTriggerUnderDiagnose() throws IOException {
        assertTrue(triggers(DIAGNOSE, HoldsAThreadLocal.class));
        assertTrue(triggers(DIAGNOSE, ExtendsThreadLocal.class));
        assertTrue(triggers(DIAGNOSE, RunsTasks.class));
        assertFalse(triggers(DIAGNOSE, Plain.class));
    }

    @Test
    void applicationClassesInLocaldropsNamespaceOutsideTheAgentAndTheRuntimeAreApplicationClasses() throws IOException {
        assertTrue(DIAGNOSE.triggers(APPLICATION, "io/localdrop/examples/Leaky", bytes(HoldsAThreadLocal.class)));
        assertFalse(DIAGNOSE.triggers(APPLICATION, "io/localdrop/internal/Leaky", bytes(HoldsAThreadLocal.class)));
        assertFalse(DIAGNOSE.triggers(APPLICATION, "io/localdrop/agent/Leaky", bytes(RunsTasks.class)));
    }

    @Test
    void underModeOffApplicationClassesNeverTrigger() throws IOException {
        assertFalse(triggers(OFF, HoldsAThreadLocal.class));
        assertFalse(triggers(OFF, ExtendsThreadLocal.class));
        assertFalse(triggers(OFF, RunsTasks.class));
    }

    @Test
    void theRuntimesEntryClassesTriggerInEveryModeButNotTheClassesTheInstallationLoads() throws IOException {
        byte[] any = bytes(Plain.class);
        for (ActivationRule rule : new ActivationRule[] {DIAGNOSE, OFF}) {
            assertTrue(rule.triggers(APPLICATION, "io/localdrop/OwnedKey", any));
            assertTrue(rule.triggers(APPLICATION, "io/localdrop/OwnedKeyRecord", any));
            assertTrue(rule.triggers(APPLICATION, "io/localdrop/Localdrop", any));
            assertTrue(rule.triggers(APPLICATION, "io/localdrop/internal/KeyCell", any));
            assertTrue(rule.triggers(APPLICATION, "io/localdrop/internal/ThreadRecord", any));
            assertFalse(rule.triggers(APPLICATION, "io/localdrop/internal/Config", any));
            assertFalse(rule.triggers(APPLICATION, "io/localdrop/internal/FailurePolicy", any));
            assertFalse(rule.triggers(APPLICATION, "io/localdrop/AccessError", any));
            assertFalse(rule.triggers(APPLICATION, "io/localdrop/agent/sites/SiteHooks", bytes(HoldsAThreadLocal.class)));
        }
    }

    @Test
    void jdkClassesTriggerOnlyAtTheFirstVirtualThreadAndTheFirstPoolWorker() throws IOException {
        byte[] any = bytes(HoldsAThreadLocal.class);
        assertTrue(DIAGNOSE.triggers(null, "java/lang/ThreadBuilders", any));
        assertTrue(OFF.triggers(null, "java/lang/ThreadBuilders", any));
        assertTrue(DIAGNOSE.triggers(null, "java/util/concurrent/ThreadPoolExecutor$Worker", any));
        assertFalse(OFF.triggers(null, "java/util/concurrent/ThreadPoolExecutor$Worker", any), "mode=off has no task boundaries");
        assertTrue(DIAGNOSE.triggers(null, "java/util/TimerThread", any));
        assertFalse(OFF.triggers(null, "java/util/TimerThread", any));
        assertFalse(DIAGNOSE.triggers(null, "java/util/concurrent/ForkJoinWorkerThread", any),
                "the installation loads it on JDK 21+: a thread waiting in its loading would hold the installation");
        assertFalse(DIAGNOSE.triggers(null, "java/lang/ThreadLocal", any), "a JDK class is never a rewrite candidate");
        assertFalse(DIAGNOSE.triggers(null, "java/lang/VirtualThread$VThreadContinuation", any));
    }
}
