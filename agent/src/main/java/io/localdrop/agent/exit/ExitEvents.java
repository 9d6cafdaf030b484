package io.localdrop.agent.exit;

import io.localdrop.agent.bridge.BridgeDefiner;
import io.localdrop.internal.BridgeProtocol;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.jfr.ThreadCleanupEvents;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;

/**
 * Where agent features (diagnose, enforce) subscribe to thread events ({@link BridgeProtocol}'s codes). Their
 * handlers run on the thread concerned, after every copy of the runtime has destroyed its owned keys, in
 * registration order. A handler must not throw (the bridge swallows and counts what it throws, so it would only
 * lose its own work), must not use ThreadLocal-based guards that a wiped map would reset, and must be quick: it
 * runs on thread exits. A thread that never used a ThreadLocal, or whose maps hold nothing but the runtimes' state
 * once its owned keys are destroyed (and the agent's own idle state), gets no exit event here: there is nothing to
 * report or close; the bridge only counts it ({@link #quietExits()}).
 */
public final class ExitEvents {
    /** The bridge's counter, found once; null until then or without the bridge. */
    private static volatile MethodHandle quietExits;
    /** Set once the ThreadCleanup observer is registered with the bridge. */
    private static boolean cleanupsObserved;

    private ExitEvents() {
    }

    /**
     * Tells the bridge the agent's own ThreadLocal and when its value is idle: a wipe of maps that hold nothing but
     * that idle value then sends no event.
     *
     * @throws IllegalStateException if the agent's bridge is not installed in this JVM
     */
    public static void setOwnLocal(ThreadLocal<?> local, java.util.function.Predicate<Object> idle) {
        Class<?> bridge = BridgeDefiner.existing();
        if (bridge == null) {
            throw new IllegalStateException("localdrop: the agent's bridge " + BridgeProtocol.CLASS_NAME + " is not installed");
        }
        try {
            bridge.getMethod(BridgeProtocol.SET_OWN_LOCAL_METHOD, ThreadLocal.class, java.util.function.Predicate.class)
                    .invoke(null, local, idle);
        } catch (InvocationTargetException | NoSuchMethodException | IllegalAccessException broken) {
            throw new IllegalStateException("localdrop: cannot register with " + BridgeProtocol.CLASS_NAME + ": " + broken, broken);
        }
    }

    /**
     * How many thread exits reached no feature handler (see the class comment; 0 without the bridge). Never throws.
     */
    public static long quietExits() {
        try {
            MethodHandle counter = quietExits;
            if (counter == null) {
                Class<?> bridge = BridgeDefiner.existing();
                if (bridge == null) {
                    return 0;
                }
                counter = MethodHandles.publicLookup().findStatic(bridge, BridgeProtocol.QUIET_EXITS_METHOD,
                        MethodType.methodType(long.class));
                quietExits = counter;
            }
            return (long) counter.invokeExact();
        } catch (Throwable broken) {
            InternalErrors.record("exit: reading the bridge's count of quiet exits", broken);
            return 0;
        }
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
            observeCleanups(bridge);
            bridge.getMethod(BridgeProtocol.ADD_LATE_HANDLER_METHOD, IntConsumer.class).invoke(null, handler);
        } catch (InvocationTargetException | NoSuchMethodException | IllegalAccessException broken) {
            throw new IllegalStateException("localdrop: cannot register with " + BridgeProtocol.CLASS_NAME + ": " + broken, broken);
        }
    }

    /**
     * With the first feature, the ThreadCleanup event's observer: the bridge tells it what each exit and wipe destroyed
     * (the runtimes' owned keys, which only the bridge sees) and closed. Without a feature (mode=off) the agent commits
     * no event, this one included.
     */
    private static synchronized void observeCleanups(Class<?> bridge)
            throws NoSuchMethodException, IllegalAccessException, InvocationTargetException {
        if (cleanupsObserved) {
            return;
        }
        bridge.getMethod(BridgeProtocol.SET_CLEANUP_OBSERVER_METHOD, IntFunction.class, ObjLongConsumer.class)
                .invoke(null, ThreadCleanupEvents.OBSERVER, ThreadCleanupEvents.OBSERVER);
        cleanupsObserved = true;
    }
}
