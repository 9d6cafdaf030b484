package io.localdrop.agent.exit;

import io.localdrop.agent.bridge.BridgeDefiner;

import java.lang.reflect.InvocationTargetException;
import java.util.function.IntConsumer;

/**
 * Where agent features (diagnose, enforce) subscribe to thread events. Their handlers run on the thread
 * concerned, after every copy of the runtime has destroyed its owned keys, in registration order. A handler
 * must not throw (the bridge swallows what it throws, so it would only lose its own work), must not use
 * ThreadLocal-based guards that a wiped map would reset, and must be quick: it runs on every thread's exit.
 */
public final class ExitEvents {
    /** The current thread is exiting (platform: Thread.exit; virtual: end of its run). */
    public static final int THREAD_EXIT = ExitHookTransformer.THREAD_EXIT;
    /** The current thread lives on, but its ThreadLocals are about to be wiped (JDK 25 ForkJoin workers). */
    public static final int LOCALS_WIPE = ExitHookTransformer.LOCALS_WIPE;

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
            throw new IllegalStateException("localdrop: the agent's bridge " + BridgeDefiner.BRIDGE_CLASS
                    + " is not installed in this JVM; ExitEvents.addHandler is for code running inside the agent");
        }
        try {
            bridge.getMethod("addLateHandler", IntConsumer.class).invoke(null, handler);
        } catch (InvocationTargetException | NoSuchMethodException | IllegalAccessException broken) {
            throw new IllegalStateException("localdrop: cannot register with " + BridgeDefiner.BRIDGE_CLASS + ": " + broken, broken);
        }
    }
}
