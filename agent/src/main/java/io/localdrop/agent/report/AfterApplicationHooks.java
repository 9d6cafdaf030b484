package io.localdrop.agent.report;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.internal.BridgeProtocol;

/**
 * Runs a task after every application shutdown hook has finished, through a system shutdown-hook slot of
 * {@code java.lang.Shutdown}.
 *
 * <p>Why a slot: application hooks ({@code Runtime.addShutdownHook}) are started all at once and run side by
 * side, so a report written by one of them races the application's own graceful shutdown (a server stopping
 * its workers, an executor's {@code awaitTermination}): values left on threads that exit during that shutdown
 * were missing from the report. The JDK runs its system hooks one after the other, on the thread that began the
 * shutdown, in slot order; slot 1 is the one that starts the application hooks and joins them all. A task in a
 * later slot therefore runs once they have all returned. JDK 17 to 25 use slots 0 (console), 1 (application
 * hooks) and 2 (delete-on-exit) of 10, with the same {@code Shutdown.add(int, boolean, Runnable)} (the method
 * behind {@code JavaLangAccess.registerShutdownHook}); the bridge takes the highest free slot, so it runs last.
 *
 * <p>The call to {@code Shutdown.add} is made by the bridge ({@code LocaldropBridge.afterApplicationHooks}), which
 * lives in {@code java.lang} and links to it directly: a reflective call of {@code Shutdown.add} itself, with its
 * primitive parameters, measured 20 to 100 ms of start-up on JDK 25 (lambda forms spun for that shape), against
 * well under a millisecond for the bridge's reference-only signature.
 */
final class AfterApplicationHooks {
    private AfterApplicationHooks() {
    }

    /**
     * Registers {@code task}; false (the reason recorded) when it could not be: a bridge of an older agent copy
     * without the method, every slot taken, or the shutdown under way.
     */
    static boolean register(Class<?> bridge, Runnable task) {
        if (bridge == null) {
            InternalErrors.record("report: registering the final report after the application's shutdown hooks",
                    new IllegalStateException("no bridge"));
            return false;
        }
        try {
            Object refused = bridge.getMethod(BridgeProtocol.AFTER_APPLICATION_HOOKS_METHOD, Runnable.class).invoke(null, task);
            if (refused == null) {
                return true;
            }
            InternalErrors.record("report: registering the final report after the application's shutdown hooks",
                    new IllegalStateException(String.valueOf(refused)));
            return false;
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            InternalErrors.record("report: registering the final report after the application's shutdown hooks",
                    unavailable);
            return false;
        }
    }
}
