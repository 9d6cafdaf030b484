package io.localdrop.agent.enforce;

/**
 * Whether {@code mode=enforce} was asked for: set by the agent's installation before any rewritten code can run,
 * and copied once into the static final {@link EnforceGate#ON}. Kept apart from {@link EnforceGate} so that
 * setting it does not initialize the gate too early (with the old value).
 */
public final class EnforceSwitch {
    private static volatile boolean on;
    private static volatile boolean clearAfterTask;

    private EnforceSwitch() {
    }

    /** Turns enforce on for this JVM; called from premain/agentmain before the access-site rewriter is added. */
    public static void turnOn(boolean clearValuesAfterTask) {
        clearAfterTask = clearValuesAfterTask;
        on = true;
    }

    /** Whether {@code clearAfterTask=true} came with it. */
    static boolean clearAfterTask() {
        return clearAfterTask;
    }

    /** Whether enforce was turned on (the rewriter asks it at transform time). */
    public static boolean isOn() {
        return on;
    }
}
