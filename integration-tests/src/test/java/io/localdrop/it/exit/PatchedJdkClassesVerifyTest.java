package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.localdrop.it.support.ChildJvm;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The JDK does not verify its own classes by default, so a wrong stack-map frame in a patched Thread could go
 * unnoticed; with {@code -XX:+BytecodeVerificationLocal} it verifies them, the patched versions included.
 */
class PatchedJdkClassesVerifyTest {

    private static ChildJvm.Result verified(String... args) throws Exception {
        return verified(ExitFixture.class, args);
    }

    private static ChildJvm.Result verified(Class<?> fixture, String... args) throws Exception {
        ChildJvm.Result result = ChildJvm.main(fixture).agentOptions("mode=off")
                .jvmArgs("-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal", "-Xlog:verification=info:stderr")
                .args(args).run().assertExit(0);
        assertTrue(result.stderr().contains("Verifying class java.lang.LocaldropBridge"), "the log shows verification on: " + result);
        return result;
    }

    private static long verifications(ChildJvm.Result result, String className) {
        return result.stderrLines().stream().filter(line -> line.endsWith("Verifying class " + className + " with new format")).count();
    }

    @Test
    void patchedThreadPassesTheVerifier() throws Exception {
        ChildJvm.Result result = verified("plain");
        assertEquals(List.of("body done", "destroyed second on plain-worker", "destroyed first on plain-worker", "joined"),
                result.stdoutLines(), result::toString);
        assertEquals(2, verifications(result, "java.lang.Thread"), "the original at start-up, then the patched one: " + result);
    }

    @Test
    void patchedVirtualThreadAndForkJoinWorkerPassTheVerifier() throws Exception {
        assumeTrue(ChildJvm.javaFeature() >= 25, "17 has neither hook point (21 is not a tested JDK here)");
        ChildJvm.Result virtual = verified("virtual", "200");
        assertTrue(virtual.stdout().contains("destroyedExactlyOnce=200 wrongThread=0 notDestroyedAtJoin=0"), virtual::toString);
        assertEquals(2, verifications(virtual, "java.lang.VirtualThread"), virtual::toString);
        ChildJvm.Result wipe = verified("wipe");
        assertTrue(wipe.stdout().startsWith("destroyed=true"), wipe::toString);
        assertTrue(wipe.stderrLines().stream().collect(Collectors.joining("\n"))
                .contains("Verifying class java.util.concurrent.ForkJoinWorkerThread"), wipe::toString);
    }

    @Test
    void patchedThreadLocalEraseMethodsPassTheVerifier() throws Exception {
        ChildJvm.Result pool = verified(CommonPoolFixture.class, "owned");
        assertEquals(List.of("createdOnWorkers>0=true notEnded=0 endedMoreThanOnce=0 wrongThread=0"), pool.stdoutLines(), pool::toString);
        assertTrue(verifications(pool, "java.util.concurrent.ThreadLocalRandom") >= 1, pool::toString);
        ChildJvm.Result cleaner = verified(CommonPoolFixture.class, "cleaner");
        assertTrue(cleaner.stdout().startsWith("action ran=true destroyed=true"), cleaner::toString);
        assertTrue(verifications(cleaner, "jdk.internal.misc.InnocuousThread") >= 1, cleaner::toString);
    }
}
