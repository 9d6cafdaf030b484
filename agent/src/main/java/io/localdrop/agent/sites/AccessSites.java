package io.localdrop.agent.sites;

import io.localdrop.agent.options.AgentOptions;

import java.lang.instrument.Instrumentation;

/**
 * Installs the ThreadLocal access-site rewriting of {@code mode=diagnose} and {@code mode=enforce}.
 *
 * <p>Owned by the diagnose feature: this is a stub that does nothing, so that the agent's core can call it
 * from premain (after the thread-exit hooks are in place, and only when {@code mode != off}).
 */
public final class AccessSites {
    private AccessSites() {
    }

    /** Called once from premain / agentmain when {@code mode != off}. Stub: does nothing yet. */
    public static void install(Instrumentation instrumentation, AgentOptions options) {
        // owned by the diagnose feature
    }
}
