package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;

import java.io.File;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bridge's defects found in review (issue 10), each shown by a child JVM that fails on the code before the fix. */
class BridgeDefectsTest {

    private static ChildJvm installing(String... args) {
        // the agent jar on the class path, not as -javaagent: the application installs it late
        return ChildJvm.main(BridgeDefectsFixture.class).noAgent()
                .classPath(System.getProperty("java.class.path") + File.pathSeparator + ChildJvm.agentJar()).args(args);
    }

    @Test
    void aRuntimeCopyThatLookedForTheAgentBeforeALateInstallConnectsOnceItIsThere() throws Exception {
        ChildJvm.Result result = installing("lateInstall", System.getProperty("localdrop.runtime.classes"),
                System.getProperty("localdrop.fixtures.classes")).run().assertExit(0);
        assertEquals(List.of("before install: copy agentActive=false destroyed=0 on null",
                "after install: copy agentActive=true destroyed=1 on webapp-worker-2"), result.stdoutLines(), result::toString);
    }

    @Test
    void aLiveInstallPutsOnlyStringsIntoTheSystemProperties() throws Exception {
        // a non-String value there makes a concurrent Properties.store throw ClassCastException
        ChildJvm.Result result = installing("properties").run().assertExit(0);
        assertEquals(List.of("agentActive=true non-String system properties put: []"), result.stdoutLines(), result::toString);
    }

    @Test
    void anOwnedKeyFirstUsedByAnEnforceCloseAtExitIsDestroyedInTheSameExit() throws Exception {
        ChildJvm.Result result = ChildJvm.main(BridgeDefectsFixture.class).agentOptions("mode=enforce").args("keyInClose")
                .run().assertExit(0);
        assertEquals(List.of("destroyed first-key on closing-worker", "closed resource on closing-worker",
                "destroyed used-by-close on closing-worker", "joined"), result.stdoutLines(), result::toString);
        assertFalse(result.stderr().contains("leaked"), result::toString);
    }

    @Test
    void anOwnedKeyFirstUsedByAnEnforceClosePastTheBoundIsLeakedWithTheRule8Warning() throws Exception {
        ChildJvm.Result result = ChildJvm.main(BridgeDefectsFixture.class).agentOptions("mode=enforce,maxDestructorRounds=1")
                .args("keyInClose").run().assertExit(0);
        assertEquals(List.of("destroyed first-key on closing-worker", "closed resource on closing-worker", "joined"),
                result.stdoutLines(), result::toString);
        assertTrue(result.stderr().contains("thread 'closing-worker' leaked 1 value(s) initialized beyond maxDestructorRounds=1"
                + " without destroying them: keys [used-by-close]"), result::toString);
    }

    @Test
    void failuresTheBridgeAndTheRuntimeSwallowAreDrainedIntoTheAgentsInternalErrorsOnce() throws Exception {
        ChildJvm.Result result = ChildJvm.main(BridgeDefectsFixture.class).agentOptions("mode=off,onDestructorFailure=log")
                .args("failures").run().assertExit(0);
        assertEquals(List.of("drained 2, then 0",
                "bridge: a thread-event handler threw: java.lang.IllegalStateException x1",
                "runtime: destructor-failure listener: java.lang.IllegalStateException x1"), result.stdoutLines(), result::toString);
    }
}
