package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ScopedExecutorFixture}: a thread of its own runs tasks through an executor that runs them in place, inside
 * a scope it enters before each task and leaves after it (Jetty 12's {@code ScopedContext.run}, used by its shutdown
 * thread as it stops one context after another). What the thread stores between its tasks, the scope it enters, is
 * its own work, not what a task left: no finding. What a task leaves is still a TASK_LEAK, and a later task's read
 * of it a BLEED.
 */
class ScopedExecutorTest {
    private static final String PKG = "io.localdrop.it.diagnose.";

    @Test
    void aScopeEnteredBetweenTasksIsNoTaskLeak() throws Exception {
        Diagnosed run = Diagnosed.run(ScopedExecutorFixture.class, "", "correct");
        assertEquals(List.of(), run.problems(), run::toString);
    }

    /** Real Jetty 12.1 stopping three contexts on its shutdown thread ({@link JettyShutdownFixture}). */
    @Test
    void jettysShutdownThreadStoppingItsContextsIsNoFinding() throws Exception {
        Diagnosed run = Diagnosed.run(JettyShutdownFixture.class, "");
        assertTrue(run.result.stdout().contains("hello from /c2"), run::toString);
        assertEquals(List.of(), run.problems(), run::toString);
    }

    @Test
    void whatATaskLeavesIsStillATaskLeakAndABleed() throws Exception {
        Diagnosed run = Diagnosed.run(ScopedExecutorFixture.class, "", "leaky");
        int oracle = run.printed("stale reads: ");
        assertEquals(3, oracle, run::toString);
        Finding leak = run.only(Kind.TASK_LEAK, PKG + "ScopedExecutorFixture.USER");
        assertEquals(1, leak.setAt().size(), run::toString);
        assertTrue(leak.setAt().get(0).startsWith(PKG + "ScopedExecutorFixture.lambda$main$"), run::toString);
        assertEquals(3, leak.count(), run::toString);
        Finding bleed = run.only(Kind.BLEED, PKG + "ScopedExecutorFixture.USER");
        assertEquals(oracle, bleed.count(), run::toString);
        assertEquals(List.of(), run.problems().stream()
                .filter(f -> !(PKG + "ScopedExecutorFixture.USER").equals(f.threadLocal().field())).toList(), run::toString);
    }
}
