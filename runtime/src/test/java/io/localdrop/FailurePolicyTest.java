package io.localdrop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule 9, in child JVMs: the abort policy ends the process. */
class FailurePolicyTest {

    /** A thread whose second key's destructor throws; the first key's destructor must run only under "log". */
    public static final class FailingDestructorMain {
        public static void main(String[] args) throws Exception {
            OwnedKey<String> survivor = OwnedKey.named("survivor", () -> "s", v -> System.out.println("survivor destroyed"));
            OwnedKey<String> failing = OwnedKey.named("failing-key", () -> "f", v -> {
                throw new IllegalStateException("destructor exploded");
            });
            Thread thread = new Thread(Localdrop.wrap(() -> {
                survivor.get();
                failing.get();
            }), "doomed-thread");
            thread.start();
            thread.join();
            System.out.println("main continued");
        }
    }

    @Test
    void rule09FailingDestructorAbortsWithStatus134AndAFatalMessage() throws Exception {
        ChildJvm child = ChildJvm.run(FailingDestructorMain.class);
        assertEquals(134, child.exitCode, child.toString());
        assertTrue(child.stderr.contains("fatal"), child.toString());
        assertTrue(child.stderr.contains("failing-key"), child.toString());
        assertTrue(child.stderr.contains("doomed-thread"), child.toString());
        assertTrue(child.stderr.contains("java.lang.IllegalStateException: destructor exploded"), child.toString());
        assertTrue(child.stderr.contains("\tat "), "the stack trace is printed: " + child);
        assertFalse(child.stdout.contains("survivor destroyed"), child.toString());
        assertFalse(child.stdout.contains("main continued"), child.toString());
    }

    @Test
    void rule09LogPolicyWarnsAndRunsTheRemainingDestructors() throws Exception {
        ChildJvm child = ChildJvm.run(FailingDestructorMain.class, "-Dlocaldrop.onDestructorFailure=log");
        assertEquals(0, child.exitCode, child.toString());
        assertTrue(child.stderr.contains("warning") && child.stderr.contains("failing-key")
                && child.stderr.contains("doomed-thread") && child.stderr.contains("destructor exploded"), child.toString());
        assertFalse(child.stderr.contains("fatal"), child.toString());
        assertEquals("survivor destroyed\nmain continued\n", child.stdout.replace("\r", ""));
    }

    @Test
    void rule09AbortAppliesToDestructorsStartedBySetAndRemoveToo() throws Exception {
        ChildJvm child = ChildJvm.run(FailOnRemoveMain.class);
        assertEquals(134, child.exitCode, child.toString());
        assertTrue(child.stderr.contains("remove-key"), child.toString());
        assertFalse(child.stdout.contains("after remove"), child.toString());
    }

    /** Eight threads whose destructors all throw at once, each after all eight have started destroying. */
    public static final class FailingTogetherMain {
        public static void main(String[] args) throws Exception {
            int threads = 8;
            java.util.concurrent.CountDownLatch allDestroying = new java.util.concurrent.CountDownLatch(threads);
            OwnedKey<String> failing = OwnedKey.named("together-key", () -> "f", v -> {
                allDestroying.countDown();
                try {
                    allDestroying.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("destructor exploded");
            });
            Thread[] started = new Thread[threads];
            for (int i = 0; i < threads; i++) {
                started[i] = new Thread(Localdrop.wrap(failing::get), "together-" + i);
                started[i].start();
            }
            for (Thread thread : started) {
                thread.join();
            }
            System.out.println("main continued");
        }
    }

    @Test
    void rule09ThreadsFailingTogetherPrintOneFatalMessage() throws Exception {
        // each of the eight printed its own fatal message (and stack trace) before the first one's halt
        ChildJvm child = ChildJvm.run(FailingTogetherMain.class);
        assertEquals(134, child.exitCode, child.toString());
        assertEquals(1, child.stderr.split("localdrop: fatal: ", -1).length - 1, child.toString());
        assertEquals(1, child.stderr.split("destructor exploded", -1).length - 1, "one stack trace: " + child);
        assertFalse(child.stdout.contains("main continued"), child.toString());
    }

    public static final class FailOnRemoveMain {
        public static void main(String[] args) {
            OwnedKey<String> key = OwnedKey.named("remove-key", () -> "v", v -> {
                throw new java.io.IOException("close failed");
            });
            key.get();
            key.remove();
            System.out.println("after remove");
        }
    }
}
