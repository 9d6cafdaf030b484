package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.localdrop.it.support.ChildJvm;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * One bridge per JVM, one handler per runtime copy: keys of a runtime copy that a child-first loader loaded
 * (a web application's own localdrop-runtime) are destroyed at thread exit like the application's own.
 */
class SplitBrainTest {

    @Test
    void keysOfARuntimeCopyInAChildFirstLoaderAreDestroyedAtThreadExit() throws Exception {
        ChildJvm.Result result = ChildJvm.main(SplitBrainFixture.class).agentOptions("mode=off")
                .args(System.getProperty("localdrop.runtime.classes"), System.getProperty("localdrop.fixtures.classes"))
                .run().assertExit(0);
        assertEquals(List.of("separate runtime copy=true workload loader is child-first=true",
                "runtime copy loaded by child-first-webapp destroyed=1 on webapp-worker"), result.stdoutLines(), result::toString);
    }

    @Test
    void withoutTheAgentTheCopysKeysAreNotDestroyed() throws Exception {
        // the baseline: the same fixture without the agent shows the test above is not vacuous
        ChildJvm.Result result = ChildJvm.main(SplitBrainFixture.class).noAgent()
                .args(System.getProperty("localdrop.runtime.classes"), System.getProperty("localdrop.fixtures.classes"))
                .run().assertExit(0);
        assertEquals("runtime copy loaded by child-first-webapp destroyed=0 on null", result.stdoutLines().get(1), result::toString);
    }
}
