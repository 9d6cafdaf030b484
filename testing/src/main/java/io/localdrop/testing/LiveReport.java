package io.localdrop.testing;

import io.localdrop.internal.BridgeProtocol;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The agent's live report in this JVM, read through {@code java.lang.LocaldropBridge.report()} by
 * reflection: localdrop-testing must not link to the agent (the agent is a {@code -javaagent} jar,
 * not a test dependency), and the bridge is defined by the agent in {@code java.lang}, visible from
 * the bootstrap loader only when the agent runs.
 */
final class LiveReport {

    static final String BRIDGE = BridgeProtocol.CLASS_NAME;

    /** Where a report comes from: the bridge in production, a fixed text in this module's own tests. */
    interface Source {
        /** True when an agent runs in this JVM. */
        boolean agentPresent();

        /** The live report's JSON, or null when the agent publishes none (mode=off, or no diagnosis). */
        String json();
    }

    private LiveReport() {
    }

    /** The bridge of this JVM's agent, looked up on every call so that a late {@code Localdrop.install()} counts. */
    static Source bridge() {
        return new Source() {
            @Override
            public boolean agentPresent() {
                return reportMethod() != null;
            }

            @Override
            public String json() {
                Method report = reportMethod();
                if (report == null) {
                    return null;
                }
                try {
                    return (String) report.invoke(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("localdrop: cannot call " + BRIDGE + ".report(): " + e, e);
                } catch (InvocationTargetException e) {
                    // the bridge promises never to throw; say so plainly if it does
                    throw new IllegalStateException("localdrop: " + BRIDGE + ".report() threw " + e.getCause(),
                            e.getCause());
                }
            }
        };
    }

    private static Method reportMethod() {
        Class<?> bridge;
        try {
            bridge = Class.forName(BRIDGE, false, null);
        } catch (ClassNotFoundException absent) {
            return null;
        }
        try {
            Method report = bridge.getMethod(BridgeProtocol.REPORT_METHOD);
            return report.getReturnType() == String.class ? report : null;
        } catch (NoSuchMethodException olderAgent) {
            return null;
        }
    }
}
