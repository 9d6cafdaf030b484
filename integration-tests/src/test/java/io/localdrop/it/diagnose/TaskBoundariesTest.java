package io.localdrop.it.diagnose;

import static io.localdrop.it.diagnose.Diagnosed.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A value left at a task's end is found on every kind of pool the agent knows the task boundaries of. */
class TaskBoundariesTest {
    private static final String PKG = "io.localdrop.it.diagnose.";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "scheduled | scheduled-worker | ''",
        "no-super  | no-super-worker  | ''",
        "fork-join | ForkJoinPool-1-worker-1 | ''",
        "tomcat    | tomcat-worker    | ''",
        "custom    | custom-worker    | taskBoundary=io.localdrop.it.diagnose.BoundariesFixture$CustomWorker#handle",
    })
    void aValueLeftAtTaskEndIsATaskLeakOnThatPoolsThread(String pool, String thread, String options) throws Exception {
        Diagnosed run = Diagnosed.run(BoundariesFixture.class, options, pool);
        assertTrue(run.result.stdout().contains("ran " + pool), run::toString);
        Finding leak = run.only(Kind.TASK_LEAK, PKG + "BoundariesFixture.LEFT");
        assertEquals(List.of(thread), leak.threads(), run::toString);
        assertEquals(List.of(site(PKG + "BoundariesFixture", "leak", "BoundariesFixture.java", "boundary-set")),
                leak.setAt());
        assertEquals(1, leak.count(), run::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"custom"})
    void withoutTheOptionAHandWrittenLoopHasNoTasks(String pool) throws Exception {
        Diagnosed run = Diagnosed.run(BoundariesFixture.class, "", pool);
        assertEquals(List.of(), run.findings(Kind.TASK_LEAK), run::toString);
    }
}
