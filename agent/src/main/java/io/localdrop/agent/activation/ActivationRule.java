package io.localdrop.agent.activation;

import io.localdrop.agent.sites.ClassFilter;
import io.localdrop.agent.sites.RewriteCandidates;
import io.localdrop.agent.tasks.WorkerCandidates;

/**
 * Which loading classes need the agent installed before they are defined. The cheapest answer first: a JDK
 * class by a comparison of its name with two constants, an application class by the same constant-pool scans the
 * site rewriter and the worker-loop finder make before they parse anything. A class needs the agent when
 * <ul>
 *   <li>it is one of the runtime's entry classes ({@code OwnedKey} and its record, {@code Localdrop}, the key cell, the thread
 *       record), of any copy of the runtime in any loader: owned keys need the exit hooks (every mode);</li>
 *   <li>it is {@code java.lang.ThreadBuilders}, through which the JDK creates every virtual thread (JDK 21+:
 *       {@code Thread.ofVirtual()}, {@code Thread.startVirtualThread}, the virtual-thread executors), loaded at the
 *       first of them (every mode): a virtual thread that is already running when the hooks are placed keeps
 *       running its old {@code run} method, whose exit no hook would see. Not the class that the virtual thread's
 *       constructor loads ({@code VirtualThread$VThreadContinuation}): retransforming {@code VirtualThread} verifies
 *       it, which loads that class, which the waiting thread would be in the middle of loading;</li>
 *   <li>(diagnose, enforce) {@code java.util.concurrent.ThreadPoolExecutor$Worker}, which the JDK loads when a pool
 *       starts its first worker, for the same reason ({@code runWorker} is a loop that never returns to pick up the
 *       task boundaries); {@code java.util.TimerThread}, loaded by the first {@code new Timer()}, likewise
 *       ({@code mainLoop} never returns). Not {@code java.util.concurrent.ForkJoinWorkerThread}, although a worker's
 *       task that is running when the boundaries are placed keeps its old {@code doExec}: on JDK 21+ the
 *       installation itself loads that class (the carriers of virtual threads extend it), so a thread waiting in
 *       its loading held the installation until the bounded wait ran out (30 s, then defined unhooked);</li>
 *   <li>(diagnose, enforce) the access-site rewriter would parse it ({@link RewriteCandidates}: it may touch a
 *       ThreadLocal, or is a ThreadLocal subclass), or the worker-loop finder would ({@link WorkerCandidates}).</li>
 * </ul>
 * Everything else the installation patches is called afresh each time (Thread.exit, the erase methods, a request
 * method, {@code ForkJoinTask.doExec}), so placing it late, by retransformation, loses nothing but the ForkJoin
 * tasks running at that moment (docs/agent.md, "When the agent installs itself").
 */
final class ActivationRule {
    static final String VIRTUAL_THREAD_START = "java/lang/ThreadBuilders";
    static final String POOL_WORKER_START = "java/util/concurrent/ThreadPoolExecutor$Worker";
    static final String TIMER_START = "java/util/TimerThread";
    private static final String RUNTIME = "io/localdrop/";
    private static final String AGENT = "io/localdrop/agent/";
    private static final String INTERNAL = "io/localdrop/internal/";

    /** Null in mode=off: only the runtime and virtual threads trigger then. */
    private final ClassFilter sites;

    ActivationRule(ClassFilter sites) {
        this.sites = sites;
    }

    boolean triggers(ClassLoader loader, String className, byte[] classFile) {
        if (loader == null) {
            return className.equals(VIRTUAL_THREAD_START) || sites != null && (className.equals(POOL_WORKER_START)
                    || className.equals(TIMER_START));
        }
        if (className.startsWith(RUNTIME)) {
            if (isRuntimeEntry(className)) {
                return true;
            }
            if (className.startsWith(AGENT) || className.startsWith(INTERNAL)) {
                return false; // the agent's and the runtime's own: neither transformer touches them
            }
        }
        return sites != null && (RewriteCandidates.isCandidate(sites, loader, className, classFile)
                || WorkerCandidates.mayHaveWorkerLoop(loader, className, classFile));
    }

    /**
     * The classes through which an application reaches owned keys; never loaded by the installation itself (which
     * loads the runtime's {@code Config} and {@code FailurePolicy}), so that a thread loading one of them, waiting
     * for the installation, cannot hold a class the installation needs.
     */
    static boolean isRuntimeEntry(String className) {
        return className.equals("io/localdrop/OwnedKey") || className.equals("io/localdrop/OwnedKeyRecord")
                || className.equals("io/localdrop/Localdrop")
                || className.equals("io/localdrop/internal/KeyCell")
                || className.equals("io/localdrop/internal/ThreadRecord");
    }
}
