package io.localdrop.agent.report;

import io.localdrop.agent.health.InternalErrors;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

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
 * behind {@code JavaLangAccess.registerShutdownHook}); the agent takes the highest free slot, so it runs last.
 *
 * <p>Reached by reflection on {@code java.lang}, which the agent opens to itself at installation. On a JDK
 * where that is not possible, {@link #register} says so and the caller falls back to an application hook.
 */
final class AfterApplicationHooks {
    /** The JDK's slots in use (0 to 2) and its number of slots (10): the agent takes one of 3 to 9. */
    private static final int FIRST_FREE_SLOT = 3;
    private static final int LAST_SLOT = 9;

    private AfterApplicationHooks() {
    }

    /** Registers {@code task}; returns the slot taken, or -1 (the failure is recorded) when none could be. */
    static int register(Runnable task) {
        Method add;
        try {
            add = Class.forName("java.lang.Shutdown", false, null).getDeclaredMethod("add", int.class, boolean.class,
                    Runnable.class);
            add.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            InternalErrors.record("report: finding the JDK's system shutdown hooks", unavailable);
            return -1;
        }
        for (int slot = LAST_SLOT; slot >= FIRST_FREE_SLOT; slot--) {
            try {
                // false: refused once shutdown has begun (agentmain during exit), like Runtime.addShutdownHook
                add.invoke(null, slot, false, task);
                return slot;
            } catch (InvocationTargetException refused) {
                if (!(refused.getCause() instanceof InternalError)) {
                    // IllegalStateException: the shutdown is under way already
                    InternalErrors.record("report: registering a system shutdown hook", refused.getCause());
                    return -1;
                }
                // InternalError "already registered": someone else holds this slot; try the next one down
            } catch (ReflectiveOperationException | RuntimeException refused) {
                InternalErrors.record("report: registering a system shutdown hook", refused);
                return -1;
            }
        }
        InternalErrors.record("report: registering a system shutdown hook",
                new IllegalStateException("slots " + FIRST_FREE_SLOT + " to " + LAST_SLOT + " are all taken"));
        return -1;
    }
}
