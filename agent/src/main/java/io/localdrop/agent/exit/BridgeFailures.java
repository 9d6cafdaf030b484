package io.localdrop.agent.exit;

import io.localdrop.agent.bridge.BridgeDefiner;
import io.localdrop.agent.health.InternalErrors;
import io.localdrop.internal.BridgeProtocol;

/**
 * Brings the failures counted in the bridge into {@link InternalErrors}: those the bridge itself swallowed (a
 * handler that threw into it, a failing live-report source) and those every runtime copy handed over (the bridge,
 * in the bootstrap loader, and the runtime, which depends on nothing of the agent, cannot call InternalErrors).
 * The report calls {@link #drainInto()} before it reads the internal errors.
 */
public final class BridgeFailures {
    /** How many of the bridge's failures were recorded already (drains may run on several threads). */
    private static long drained;

    private BridgeFailures() {
    }

    /**
     * Records the bridge's failures counted since the last call, each as one internal error whose place is the
     * bridge's description ("where: exception class"). Never throws; does nothing without the bridge.
     *
     * @return how many failures were recorded by this call
     */
    public static synchronized long drainInto() {
        Class<?> bridge = BridgeDefiner.existing();
        if (bridge == null) {
            return 0;
        }
        try {
            long count = (Long) bridge.getMethod(BridgeProtocol.FAILURE_COUNT_METHOD).invoke(null);
            String[] last = (String[]) bridge.getMethod(BridgeProtocol.FAILURES_METHOD).invoke(null);
            long fresh = count - drained;
            if (fresh <= 0) {
                return 0;
            }
            // the bridge keeps the last few descriptions: older ones are recorded under a generic place
            for (long i = 0; i < fresh; i++) {
                int index = (int) (last.length - fresh + i);
                String where = index >= 0 ? last[index] : "bridge: failures beyond the last " + last.length + " kept";
                InternalErrors.record(where, new CountedInBridge());
            }
            drained = count;
            return fresh;
        } catch (ReflectiveOperationException | RuntimeException broken) {
            InternalErrors.record("exit: reading the bridge's failure count", broken);
            return 0;
        }
    }

    /**
     * Stands for a failure the bridge counted: the bridge keeps only where it happened and the exception's class
     * name (already in the place), never the exception (it could pin an application's class loader).
     */
    static final class CountedInBridge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CountedInBridge() {
            super("counted by java.lang.LocaldropBridge", null, false, false);
        }
    }
}
