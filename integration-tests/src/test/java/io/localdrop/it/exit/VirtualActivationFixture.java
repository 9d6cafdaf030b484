package io.localdrop.it.exit;

import io.localdrop.OwnedKey;

/**
 * Child-JVM main class for {@link ActivationTest} (JDK 21+, {@code mode=off}): a virtual thread, started before
 * anything needed the agent, is the one whose code first reaches an owned key. Run under {@code mode=off}, where a
 * class naming {@code Runnable} does not install the agent, so that only the runtime and the virtual thread can.
 */
public final class VirtualActivationFixture {
    private VirtualActivationFixture() {
    }

    public static void main(String[] args) throws Exception {
        Runnable body = VirtualKey::use; // JDK 21 API, called reflectively (the tests are built for 17)
        Thread thread = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body);
        thread.join();
        System.out.println(VirtualKey.events());
    }

    /** Loaded by the virtual thread: its owned key is the first class that needs the agent. */
    static final class VirtualKey {
        private static final StringBuffer EVENTS = new StringBuffer();
        private static final OwnedKey<String> KEY = OwnedKey.named("virtual-key", () -> "value",
                value -> EVENTS.append("destroyed on ").append(Thread.currentThread().getName()).append(';'));

        static void use() {
            Thread.currentThread().setName("the-virtual-thread");
            KEY.get();
            EVENTS.append("used;");
        }

        static String events() {
            return EVENTS.toString();
        }
    }
}
