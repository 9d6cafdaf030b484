package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Rules 8 and 9 at thread exit through the agent, and the options that set them. */
class DestructorPolicyTest {

    @Test
    void reinitializationAtExitStopsAtTheDefaultBoundOfFourWithOneWarning() throws Exception {
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).agentOptions("mode=off").args("rounds", "6").run().assertExit(0);
        assertEquals(List.of("destroyed gen1", "destroyed gen2", "destroyed gen3", "destroyed gen4", "joined"),
                result.stdoutLines(), result::toString);
        assertLeakWarning(result, "gen5", 4);
    }

    @Test
    void maxDestructorRoundsOptionSetsTheBound() throws Exception {
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).agentOptions("mode=off,maxDestructorRounds=2")
                .args("rounds", "6").run().assertExit(0);
        assertEquals(List.of("destroyed gen1", "destroyed gen2", "joined"), result.stdoutLines(), result::toString);
        assertLeakWarning(result, "gen3", 2);
    }

    private static void assertLeakWarning(ChildJvm.Result result, String leakedKey, int bound) {
        List<String> warnings = result.stderrLines().stream().filter(line -> line.contains("leaked")).toList();
        assertEquals(1, warnings.size(), result::toString);
        String warning = warnings.get(0);
        assertTrue(warning.contains("'rounds-worker'") && warning.contains(leakedKey) && warning.contains("maxDestructorRounds=" + bound),
                result::toString);
    }

    @Test
    void failingDestructorAbortsTheJvmWith134ByDefault() throws Exception {
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).agentOptions("mode=off").args("failing").run().assertExit(134);
        assertTrue(result.stderr().contains("localdrop: fatal: destructor of 'angry' failed on thread 'failing-worker'"),
                result::toString);
        assertTrue(result.stderr().contains("java.lang.IllegalStateException: destructor fails on purpose"), result::toString);
        assertTrue(result.stderr().contains("\tat "), "the stack trace is printed: " + result);
        assertFalse(result.stdout().contains("joined"), "the JVM ended on the worker: " + result);
        assertFalse(result.stderr().contains("hs_err"), result::toString);
    }

    @Test
    void logPolicyWarnsAndGoesOnWithTheRemainingDestructors() throws Exception {
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).agentOptions("mode=off,onDestructorFailure=log")
                .args("failing").run().assertExit(0);
        assertEquals(List.of("destroyed calm on failing-worker", "joined"), result.stdoutLines(), result::toString);
        assertTrue(result.stderr().contains("localdrop: warning: destructor of 'angry' failed on thread 'failing-worker'"),
                result::toString);
        assertTrue(result.stderr().contains("destructor fails on purpose"), result::toString);
    }

    @Test
    void systemPropertyStillWorksWhenTheOptionIsNotGiven() throws Exception {
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).agentOptions("mode=off")
                .jvmArgs("-Dlocaldrop.onDestructorFailure=log").args("failing").run().assertExit(0);
        assertEquals(List.of("destroyed calm on failing-worker", "joined"), result.stdoutLines(), result::toString);
    }
}
