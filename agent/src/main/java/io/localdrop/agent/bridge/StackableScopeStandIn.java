package io.localdrop.agent.bridge;

/**
 * Stands for {@code jdk.internal.vm.StackableScope} (JDK 21+) in {@link LocaldropBridgeTemplate}'s source, which
 * is compiled for Java 17 and cannot name it. {@link BridgeDefiner} renames every reference to this class in the
 * template's class file to {@code jdk/internal/vm/StackableScope}; the bridge is then in {@code java.base} like
 * that class, so the call links. On JDK 17 the call is never made (there are no virtual threads), so it never links.
 */
public final class StackableScopeStandIn {
    private StackableScopeStandIn() {
    }

    /** Same signature as {@code StackableScope.popAll()}. Never called as this class. */
    public static void popAll() {
        throw new IllegalStateException("StackableScopeStandIn must be renamed to jdk.internal.vm.StackableScope");
    }
}
