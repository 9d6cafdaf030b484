package io.localdrop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule 12, in a child JVM so that "once per JVM" is observable from a clean start. */
class NoExitHookWarningTest {

    public static final class UnhookedThreadsMain {
        public static void main(String[] args) throws Exception {
            OwnedKey<String> wrapped = OwnedKey.named("wrapped-key", () -> "w", v -> System.out.println("wrapped destroyed"));
            Thread hooked = new Thread(Localdrop.wrap(wrapped::get), "hooked");
            hooked.start();
            hooked.join();
            System.out.println("agent active: " + Localdrop.agentActive());
            OwnedKey<String> first = OwnedKey.named("first-unhooked", () -> "a", v -> System.out.println("never printed"));
            OwnedKey<String> second = OwnedKey.named("second-unhooked", () -> "b", v -> System.out.println("never printed"));
            Thread plain = new Thread(() -> {
                first.get();
                second.get();
            }, "plain-thread");
            plain.start();
            plain.join();
            second.get();
        }
    }

    @Test
    void rule12FirstKeyOnAThreadWithoutExitHookWarnsOncePerJvm() throws Exception {
        ChildJvm child = ChildJvm.run(UnhookedThreadsMain.class);
        assertEquals(0, child.exitCode, child.toString());
        assertEquals("wrapped destroyed\nagent active: false\n", child.stdout.replace("\r", ""));
        assertFalse(child.stderr.contains("wrapped-key"), "a wrapped thread has an exit hook: " + child);
        assertTrue(child.stderr.contains("first-unhooked") && child.stderr.contains("plain-thread")
                && child.stderr.contains("-javaagent:localdrop-agent.jar"), child.toString());
        assertEquals(1, child.stderr.split("no exit hook", -1).length - 1, "one warning per JVM: " + child);
    }
}
