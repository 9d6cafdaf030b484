package io.localdrop.agent.enforce;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two things the rewritten get/set test on their hot path.
 *
 * <p>{@link #ON} is static final: the JIT folds it, so under {@code mode=diagnose} the enforce branches vanish from
 * compiled code and diagnose pays nothing for them. {@link #CLOSING} counts the threads that are closing values right
 * now (inside an exit, a wipe or a task-end clear); while it is zero, which is nearly always, enforce costs a
 * rewritten get one volatile read.
 */
public final class EnforceGate {
    /** {@code mode=enforce}: read once from {@link EnforceSwitch} when this class initializes (first rewritten call). */
    public static final boolean ON = EnforceSwitch.isOn();

    /** {@code clearAfterTask=true}: every rewritten set is recorded, not only those of AutoCloseable values. */
    public static final boolean CLEAR_AFTER_TASK = EnforceSwitch.clearAfterTask();

    /** Threads closing values now. Read on every rewritten get/set under enforce; changed twice per closing thread. */
    public static final AtomicInteger CLOSING = new AtomicInteger();

    private EnforceGate() {
    }
}
