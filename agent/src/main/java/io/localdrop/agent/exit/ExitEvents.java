package io.localdrop.agent.exit;

import io.localdrop.agent.bridge.BridgeDefiner;
import io.localdrop.internal.BridgeProtocol;

import java.lang.reflect.InvocationTargetException;
import java.util.function.IntConsumer;

/**
 * Where agent features (diagnose, enforce) subscribe to thread events ({@link BridgeProtocol}'s codes). Their
 * handlers run on the thread concerned, after every copy of the runtime has destroyed its owned keys, in
 * registration order. A handler must not throw (the bridge swallows and counts what it throws, so it would only
 * lose its own work), must not use ThreadLocal-based guards that a wiped map would reset, and must be quick: it
 * runs on every thread's exit.
 */
public final class ExitEvents {
    private ExitEvents() {
    }

    /**
     * Registers a handler of thread events, called after the runtime's.
     *
     * @throws IllegalStateException if the agent's bridge is not installed in this JVM
     */
    public static void addHandler(IntConsumer handler) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        Class<?> bridge = BridgeDefiner.existing();
        if (bridge == null) {
            throw new IllegalStateException("localdrop: the agent's bridge " + BridgeProtocol.CLASS_NAME
                    + " is not installed in this JVM; ExitEvents.addHandler is for code running inside the agent");
        }
        try {
            bridge.getMethod(BridgeProtocol.ADD_LATE_HANDLER_METHOD, IntConsumer.class).invoke(null, handler);
        } catch (InvocationTargetException | NoSuchMethodException | IllegalAccessException broken) {
            throw new IllegalStateException("localdrop: cannot register with " + BridgeProtocol.CLASS_NAME + ": " + broken, broken);
        }
    }
}
