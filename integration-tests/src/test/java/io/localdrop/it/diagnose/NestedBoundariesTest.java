package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Kind;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A taskBoundary method is a task of its own even inside a pool's task (a request boundary splits it), and a
 * hand-written worker loop is found by the general rule, without the option.
 */
class NestedBoundariesTest {
    private static final String FIELD = "io.localdrop.it.diagnose.SignedInUser.USER";

    @Test
    void requestsInsideOnePoolTaskAreTasksOfTheirOwn() throws Exception {
        Diagnosed run = Diagnosed.run(NestedBoundaryFixture.class,
                "taskBoundary=io.localdrop.it.diagnose.NestedBoundaryFixture#handle");
        assertTrue(run.result.stdout().contains("bleeding reads: 2"), run::toString);
        assertEquals(2, run.only(Kind.BLEED, FIELD).count(), run::toString);
    }

    @Test
    void withoutTheOptionThePoolTaskIsOneTask() throws Exception {
        Diagnosed run = Diagnosed.run(NestedBoundaryFixture.class, "");
        assertTrue(run.result.stdout().contains("bleeding reads: 2"), run::toString);
        assertEquals(List.of(), run.findings(Kind.BLEED), "reads inside the task that stored: " + run);
        assertEquals(1, run.only(Kind.TASK_LEAK, FIELD).count(), run::toString);
    }

    @Test
    void aHandWrittenWorkerLoopOfRunnablesIsFoundWithoutOptions() throws Exception {
        Diagnosed run = Diagnosed.run(WorkerLoopFixture.class, "");
        assertTrue(run.result.stdout().contains("bleeding reads: 2"), run::toString);
        assertEquals(2, run.only(Kind.BLEED, FIELD).count(), run::toString);
        assertEquals(List.of("my-worker-1"), run.only(Kind.BLEED, FIELD).threads(), run::toString);
    }
}
