package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.localdrop.it.support.ChildJvm;

import java.io.File;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code Localdrop.install()}: self-attach into a JVM started without {@code -javaagent}, idempotent. */
class SelfInstallTest {
    private static final List<String> EXPECTED = List.of("before install agentActive=false", "after install agentActive=true",
            "after second install agentActive=true", "body done", "destroyed second on plain-worker",
            "destroyed first on plain-worker", "joined");

    private static ChildJvm child(String... jvmArgs) {
        // the agent jar on the class path, not as -javaagent: install() finds it there
        return ChildJvm.main(ExitFixture.class).noAgent()
                .classPath(System.getProperty("java.class.path") + File.pathSeparator + ChildJvm.agentJar())
                .jvmArgs(jvmArgs).args("install");
    }

    @Test
    void installAttachesTheAgentAndKeysAreDestroyedAtExit() throws Exception {
        ChildJvm.Result result = child().run().assertExit(0);
        assertEquals(EXPECTED, result.stdoutLines(), result::toString);
        assertFalse(result.stderr().contains("sun.misc.Unsafe"), "byte-buddy-agent needs no Unsafe: " + result);
        if (ChildJvm.javaFeature() >= 21) {
            // JDK 21+ (JEP 451) warns about an agent loaded into a running JVM, once
            assertTrue(result.stderr().contains("WARNING: A Java agent has been loaded dynamically"), result::toString);
        } else {
            assertFalse(result.stderr().contains("WARNING"), result::toString);
        }
    }

    @Test
    void enableDynamicAgentLoadingSilencesTheWarningOnJdk21AndLater() throws Exception {
        assumeTrue(ChildJvm.javaFeature() >= 21, "the flag exists from JDK 21 on");
        ChildJvm.Result result = child("-XX:+EnableDynamicAgentLoading").run().assertExit(0);
        assertEquals(EXPECTED, result.stdoutLines(), result::toString);
        assertFalse(result.stderr().contains("WARNING: A Java agent has been loaded dynamically"), result::toString);
    }

    private static ChildJvm attaching(String options) {
        return ChildJvm.main(ExitFixture.class).noAgent()
                .classPath(System.getProperty("java.class.path") + File.pathSeparator + ChildJvm.agentJar())
                .args("attach", ChildJvm.agentJar().toString(), options);
    }

    @Test
    void agentLoadedByAnAttachToolTakesItsOptions() throws Exception {
        ChildJvm.Result result = attaching("mode=off,log=debug").run().assertExit(0);
        assertEquals(List.of("before attach agentActive=false", "after attach agentActive=true", "body done",
                "destroyed second on plain-worker", "destroyed first on plain-worker", "joined"), result.stdoutLines(), result::toString);
        assertTrue(result.stderr().contains("localdrop: agent installed (mode=off)"), result::toString);
    }

    @Test
    void aSecondAttachWithOtherOptionsIsToldTheyAreIgnored() throws Exception {
        // said only at log=debug before: an attach with mode=enforce into a JVM whose agent diagnoses returned without a word
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).noAgent()
                .classPath(System.getProperty("java.class.path") + File.pathSeparator + ChildJvm.agentJar())
                .args("attach-twice", ChildJvm.agentJar().toString(), "mode=off", "mode=enforce").run().assertExit(0);
        assertTrue(result.stdoutLines().contains("after second attach agentActive=true"), result::toString);
        assertTrue(result.stderr().contains("localdrop: agent already installed in this JVM; options 'mode=enforce' ignored"),
                result::toString);
    }

    @Test
    void badOptionsOfAnAttachedAgentAreReportedAndTheApplicationGoesOn() throws Exception {
        ChildJvm.Result result = attaching("mode=bogus").run().assertExit(0);
        assertEquals(List.of("before attach agentActive=false", "after attach agentActive=false"), result.stdoutLines(), result::toString);
        assertTrue(result.stderr().contains("localdrop: bad agent option 'mode=bogus': accepted values are diagnose, enforce, off"
                + " (agent not loaded)"), result::toString);
    }
}
