package io.localdrop.agent.bridge;

/**
 * Stands for {@code java.lang.Shutdown} in {@link LocaldropBridgeTemplate}'s source, which cannot name that
 * package-private class. {@link BridgeDefiner} renames every reference to this class in the template's class file
 * to {@code java/lang/Shutdown}; the bridge is then in the same runtime package (bootstrap loader, {@code java.lang}),
 * so the call links without reflection, which on JDK 25 would spin lambda forms at start-up.
 */
public final class ShutdownStandIn {
    private ShutdownStandIn() {
    }

    /** Same signature as {@code Shutdown.add(int, boolean, Runnable)} (JDK 17 to 25). Never called as this class. */
    static void add(int slot, boolean registerShutdownInProgress, Runnable hook) {
        throw new IllegalStateException("ShutdownStandIn must be renamed to java.lang.Shutdown");
    }
}
