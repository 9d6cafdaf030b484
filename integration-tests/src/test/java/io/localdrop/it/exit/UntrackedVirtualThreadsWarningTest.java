package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.localdrop.it.support.ChildJvm;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The one thread end the agent cannot hook that depends on the JVM: with {@code -Djdk.trackAllThreads=false} (JDK 21+)
 * an unreachable virtual thread blocked forever is collected without ending. Said once at start-up where it applies.
 */
class UntrackedVirtualThreadsWarningTest {
    private static final String WARNING = "localdrop: warning: -Djdk.trackAllThreads=false: a virtual thread that blocks"
            + " forever and becomes unreachable is garbage collected without ending, and its owned keys are never destroyed";

    private static List<String> warnings(String... jvmArgs) throws Exception {
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).agentOptions("mode=off").jvmArgs(jvmArgs).args("main")
                .run().assertExit(0);
        assertEquals(List.of("main returns", "destroyed main-key on main"), result.stdoutLines(), result::toString);
        return result.stderrLines().stream().filter(line -> line.startsWith("localdrop: warning")).toList();
    }

    @Test
    void untrackedVirtualThreadsAreWarnedAboutAtStartUpOnJdk21AndLaterOnly() throws Exception {
        List<String> warnings = warnings("-Djdk.trackAllThreads=false");
        assertEquals(ChildJvm.javaFeature() >= 21 ? List.of(WARNING) : List.of(), warnings);
    }

    @Test
    void noStartUpWarningByDefault() throws Exception {
        assertFalse(warnings().contains(WARNING));
        assertEquals(List.of(), warnings(), "every hook point of this JDK is in place");
    }
}
