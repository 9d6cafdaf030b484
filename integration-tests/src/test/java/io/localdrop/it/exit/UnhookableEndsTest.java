package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.localdrop.it.support.ChildJvm;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The rows of the table of thread ends (docs/agent.md) that cannot be hooked, as they behave under the agent. */
class UnhookableEndsTest {
    @Test
    void threadsStillAliveWhenTheJvmEndsKeepTheirValuesWhileMainDestroysItsOwn() throws Exception {
        ChildJvm.Result result = ChildJvm.main(UnhookableEndsFixture.class).agentOptions("mode=off").args("alive")
                .run().assertExit(0);
        assertEquals(List.of("main returns", "destroyed main-key on main"), result.stdoutLines(), result::toString);
    }

    @Test
    void anOwnedKeyWhoseOnlyReferenceWasDroppedIsStillDestroyedAtTheThreadsExit() throws Exception {
        ChildJvm.Result result = ChildJvm.main(UnhookableEndsFixture.class).agentOptions("mode=off").args("dropped")
                .run().assertExit(0);
        assertEquals(List.of("destroyed dropped-key on worker", "joined"), result.stdoutLines(), result::toString);
    }
}
