package io.localdrop.agent.exit;

import io.localdrop.agent.health.InternalErrors;
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
     * Installs the hooks and reports (unless {@code log=quiet}) any hook point this JDK should have and lacks.
     *
     * @return the transformer, whose counters say which hooks are in place
     */
    public static ExitHookTransformer install(Instrumentation instrumentation, LogLevel log) throws UnmodifiableClassException {
        ExitHookTransformer transformer = new ExitHookTransformer(log);
        instrumentation.addTransformer(transformer, true);
        int feature = javaFeature();
        List<Class<?>> loadedBefore = new ArrayList<>(HookPoint.values().length);
        for (HookPoint point : HookPoint.values()) {
            boolean workerEarly = point == HookPoint.WORKER_RESET && feature >= 21;
            if (feature < point.since && !workerEarly) {
                // VirtualThread does not exist on 17; ForkJoinWorkerThread is not loaded early there (a JDK 17
                // update with resetThreadLocals would still be patched by the transformer when it loads)
                continue;
            }
            // Loading the class (not initializing it) hands a class not loaded yet to the transformer; one loaded
            // already is retransformed below.
            Class<?> type = point == HookPoint.THREAD_EXIT ? Thread.class : bootClass(point.binaryName());
            if (type != null && transformer.sites(point) < 0) {
                loadedBefore.add(type);
            }
        }
        instrumentation.retransformClasses(loadedBefore.toArray(new Class<?>[0]));
        if (log != LogLevel.QUIET) {
            for (HookPoint point : HookPoint.values()) {
                if (expected(point, feature) && transformer.sites(point) < 1) {
                    System.err.println("localdrop: warning: no hook point " + point.display() + " in this JDK ("
                            + System.getProperty("java.version") + "): owned keys of " + point.threads
                            + " will not be destroyed by the agent");
                }
            }
        }
        return transformer;
    }

    /**
     * Prints {@link #untrackedVirtualThreadsWarning} when it applies: at start-up, whether the hooks are placed then
     * or at the agent's deferred installation (the caller leaves it out under {@code log=quiet}).
     */
    public static void warnIfVirtualThreadsUntracked() {
        String untracked = untrackedVirtualThreadsWarning(javaFeature(), System.getProperty("jdk.trackAllThreads"));
        if (untracked != null) {
            System.err.println(untracked);
        }
    }

    /**
     * The one path of the table of thread ends that cannot be hooked and applies only to some JVMs: on JDK 21+,
     * {@code -Djdk.trackAllThreads=false} lets the JDK keep no reference to a virtual thread started directly
     * ({@code jdk.internal.vm.ThreadContainers} then uses a counting root container), so one that blocks forever
     * and becomes unreachable is garbage collected without ever ending: no hook runs, its keys are never
     * destroyed. The JDK reads the property as "track" when it is absent, empty or {@code true}.
     *
     * @return the warning, or null when it does not apply
     */
    static String untrackedVirtualThreadsWarning(int feature, String trackAllThreads) {
        if (feature < 21 || trackAllThreads == null || trackAllThreads.isEmpty() || Boolean.parseBoolean(trackAllThreads)) {
            return null;
        }
        return "localdrop: warning: -Djdk.trackAllThreads=" + trackAllThreads + ": a virtual thread that blocks forever and"
                + " becomes unreachable is garbage collected without ending, and its owned keys are never destroyed";
    }

    /**
     * Whether the running JDK's own sources have this hook point, so that its absence deserves a warning: each
     * point from its first release on, except {@code ThreadLocalRandom.eraseThreadLocals}, which JDK 25 still has
     * but no longer calls (its pool resets through {@code ForkJoinWorkerThread.resetThreadLocals}).
     */
    static boolean expected(HookPoint point, int feature) {
        return feature >= point.since && !(point == HookPoint.POOL_ERASE && feature >= 25);
    }

    /** The running JDK's feature release (17, 21, 25), without Runtime.version(): its parser loads regex classes. */
    static int javaFeature() {
        String spec = System.getProperty("java.specification.version", "17");
        try {
            return Integer.parseInt(spec);
        } catch (NumberFormatException unexpected) {
            InternalErrors.record("exit hooks: reading java.specification.version", unexpected);
            return 17;
        }
    }

    private static Class<?> bootClass(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null; // a JDK without this class: the missing-hook warning above says what that means
        }
    }
}
