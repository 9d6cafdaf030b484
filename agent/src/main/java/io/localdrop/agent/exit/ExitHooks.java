package io.localdrop.agent.exit;

import io.localdrop.agent.options.LogLevel;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/**
 * Places the hooks: registers the {@link ExitHookTransformer} for the JVM's life, then retransforms the
 * hook classes that are loaded already. A class not loaded yet is loaded here without being initialized,
 * which hands it to the transformer on the way (one code path for both cases, no scan of all loaded classes).
 */
public final class ExitHooks {
    private ExitHooks() {
    }

    /**
     * Installs the hooks and reports (unless {@code log=quiet}) any hook point this JDK lacks.
     *
     * @return the transformer, whose counters say which hooks are in place
     */
    public static ExitHookTransformer install(Instrumentation instrumentation, LogLevel log) throws UnmodifiableClassException {
        ExitHookTransformer transformer = new ExitHookTransformer(log);
        instrumentation.addTransformer(transformer, true);
        int feature = javaFeature();
        List<Class<?>> loadedBefore = new ArrayList<>(3);
        loadedBefore.add(Thread.class);
        if (feature >= 21) {
            Class<?> virtualThread = bootClass("java.lang.VirtualThread");
            if (virtualThread != null && transformer.virtualThreadSites() < 0) {
                loadedBefore.add(virtualThread);
            }
        }
        if (feature >= 21) {
            // the ThreadLocal wipe of live workers is JDK 25's (resetThreadLocals); 17 has no such method, so it
            // is not loaded early there (if some later JDK 17 update had it, the transformer still patches it at load)
            Class<?> worker = bootClass("java.util.concurrent.ForkJoinWorkerThread");
            if (worker != null && transformer.workerSites() < 0) {
                loadedBefore.add(worker);
            }
        }
        instrumentation.retransformClasses(loadedBefore.toArray(new Class<?>[0]));
        if (log != LogLevel.QUIET) {
            if (transformer.threadSites() < 1) {
                missing("Thread.exit()", "platform threads");
            }
            if (feature >= 21 && transformer.virtualThreadSites() < 1) {
                missing("VirtualThread.run(Runnable) before StackableScope.popAll()", "virtual threads");
            }
            if (feature >= 25 && transformer.workerSites() < 1) {
                missing("ForkJoinWorkerThread.resetThreadLocals()", "ForkJoin workers whose ThreadLocals are wiped");
            }
        }
        return transformer;
    }

    private static void missing(String hookPoint, String threads) {
        System.err.println("localdrop: warning: no hook point " + hookPoint + " in this JDK (" + System.getProperty("java.version")
                + "): owned keys of " + threads + " will not be destroyed by the agent");
    }

    /** The running JDK's feature release (17, 21, 25), without Runtime.version(): its parser loads regex classes. */
    static int javaFeature() {
        String spec = System.getProperty("java.specification.version", "17");
        try {
            return Integer.parseInt(spec);
        } catch (NumberFormatException unexpected) {
            return 17;
        }
    }

    private static Class<?> bootClass(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }
}
