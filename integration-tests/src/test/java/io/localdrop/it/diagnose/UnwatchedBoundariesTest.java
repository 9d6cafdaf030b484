package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Kind;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report says which pooled-looking threads stored values without ever passing a task boundary: alive at the
 * report, or ended before it.
 */
class UnwatchedBoundariesTest {
    @ParameterizedTest
    @ValueSource(strings = {"loop", "exited"})
    void threadsWithoutAnyBoundaryAreListedByNamePattern(String how) throws Exception {
        Diagnosed run = Diagnosed.run(UnwatchedFixture.class, "", how);
        assertTrue(run.result.stdout().contains("stored on 3 threads"), run::toString);
        assertTrue(run.json.contains("\"unwatched\": [\n    { \"threads\": \"poller-#\", \"count\": 3 }"), run::toString);
        assertTrue(run.result.stderr().contains("localdrop: not watched: 3 threads stored ThreadLocal values but never"
                + " saw a task boundary"), run::toString);
        assertTrue(run.result.stderr().contains("poller-# (3)"), run::toString);
        assertEquals(List.of(), run.findings(Kind.TASK_LEAK), "nothing could be judged: " + run);
    }

    @Test
    void theSameWorkAsPoolTasksIsWatched() throws Exception {
        Diagnosed run = Diagnosed.run(UnwatchedFixture.class, "", "pool");
        assertTrue(run.json.contains("\"unwatched\": [],"), run::toString);
        assertFalse(run.result.stderr().contains("not watched"), run::toString);
        assertEquals(3, run.only(Kind.TASK_LEAK, "io.localdrop.it.diagnose.UnwatchedFixture.STATE").count(),
                run::toString);
    }
}
