package io.localdrop.agent.enforce;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The two things the rewritten get/set test on their hot path.
 *
 * <p>{@link #ON} is static final: the JIT folds it, so under {@code mode=diagnose} the enforce branches vanish from
 * compiled code and diagnose pays nothing for them. {@link #closing} counts the threads that are closing values right
 * now (inside an exit, a wipe or a task-end clear); while it is zero, which is nearly always, enforce costs a
 * rewritten get one plain field read.
 *
 * <p>Why a plain read is enough: only the thread that is closing values needs to see the count as non-zero (an
 * AccessError concerns a ThreadLocal being closed <em>on the accessing thread</em>). That thread's own atomic
 * increment happens before its reads, and every other update is an atomic add that keeps its +1 in the count until
 * its own decrement, so it can only read 1 or more. Other threads may read a stale value either way: reading
 * non-zero sends them to the slow path, which finds their thread is not closing; reading zero skips it, correctly.
 */
public final class EnforceGate {
    /** {@code mode=enforce}: read once from {@link EnforceSwitch} when this class initializes (first rewritten call). */
    public static final boolean ON = EnforceSwitch.isOn();

    /** {@code clearAfterTask=true}: every rewritten set is recorded, not only those of AutoCloseable values. */
    public static final boolean CLEAR_AFTER_TASK = EnforceSwitch.clearAfterTask();

    /** Threads closing values now: read plainly on every rewritten get/set under enforce, changed atomically. */
    public static int closing;

    private static final VarHandle CLOSING;

    static {
        try {
            CLOSING = MethodHandles.lookup().findStaticVarHandle(EnforceGate.class, "closing", int.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    private EnforceGate() {
    }

    /** The current thread starts closing values. */
    static void enter() {
        CLOSING.getAndAdd(1);
    }

    /** The current thread is done closing values. */
    static void leave() {
        CLOSING.getAndAdd(-1);
    }
}
