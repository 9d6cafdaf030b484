package io.localdrop.agent.exit;

import io.localdrop.agent.options.LogLevel;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * Patches the three JDK classes whose code sees a thread end (or its ThreadLocals wiped), when they are
 * loaded or retransformed. Registered with {@code canRetransform=true} and never removed: if another agent
 * retransforms {@code Thread} later, the JVM starts again from the original bytes and asks this transformer
 * again, so the hook survives.
 *
 * <p>Every other class costs one null check and one comparison of the class-name's first characters.
 * Never throws: a failure is reported once (unless {@code log=quiet}) and the class is left as it was.
 */
public final class ExitHookTransformer implements ClassFileTransformer {
    static final String THREAD = "java/lang/Thread";
    static final String VIRTUAL_THREAD = "java/lang/VirtualThread";
    static final String FORK_JOIN_WORKER = "java/util/concurrent/ForkJoinWorkerThread";
    static final String STACKABLE_SCOPE = "jdk/internal/vm/StackableScope";

    /** Event codes of the bridge (the runtime's AgentBridge.THREAD_EXIT and LOCALS_WIPE). */
    static final int THREAD_EXIT = 0;
    static final int LOCALS_WIPE = 1;

    private final LogLevel log;
    private volatile int threadSites = -1;
    private volatile int virtualThreadSites = -1;
    private volatile int workerSites = -1;

    public ExitHookTransformer(LogLevel log) {
        this.log = log;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (loader != null || className == null || !className.startsWith("java/")) {
            return null;
        }
        try {
            if (className.equals(THREAD)) {
                return patch(classfileBuffer, THREAD);
            }
            if (className.equals(VIRTUAL_THREAD)) {
                return patch(classfileBuffer, VIRTUAL_THREAD);
            }
            if (className.equals(FORK_JOIN_WORKER)) {
                return patch(classfileBuffer, FORK_JOIN_WORKER);
            }
        } catch (Throwable failed) {
            warn("cannot patch " + className.replace('/', '.') + "; threads ending there will not destroy their keys: " + failed);
        }
        return null;
    }

    private byte[] patch(byte[] original, String className) {
        byte[] patched;
        int sites;
        try {
            if (className.equals(VIRTUAL_THREAD)) {
                ClassFilePatcher.Result result = ClassFilePatcher.redirectStaticCall(original, "run", "(Ljava/lang/Runnable;)V",
                        STACKABLE_SCOPE, "popAll", "()V", "exitThenPopAll");
                patched = result == null ? null : result.bytes;
                sites = result == null ? 0 : result.sites;
            } else {
                patched = className.equals(THREAD)
                        ? ClassFilePatcher.hookAtEntry(original, "exit", "()V", THREAD_EXIT)
                        : ClassFilePatcher.hookAtEntry(original, "resetThreadLocals", "()V", LOCALS_WIPE);
                sites = patched == null ? 0 : 1;
            }
        } catch (RuntimeException unexpectedLayout) {
            // a class-file shape the hand patcher does not know: ASM does the same patch (slower to load)
            int[] sitesOut = new int[1];
            patched = AsmHooks.patch(original, className, sitesOut);
            sites = sitesOut[0];
        }
        if (className.equals(THREAD)) {
            threadSites = sites;
        } else if (className.equals(VIRTUAL_THREAD)) {
            virtualThreadSites = sites;
        } else {
            workerSites = sites;
        }
        return sites == 0 ? null : patched;
    }

    /** Hooks placed in Thread.exit (1 when done), -1 while the class was not seen. */
    public int threadSites() {
        return threadSites;
    }

    /** Hooks placed in VirtualThread.run (one per copy of its finally block), -1 while the class was not seen. */
    public int virtualThreadSites() {
        return virtualThreadSites;
    }

    /** Hooks placed in ForkJoinWorkerThread.resetThreadLocals (0 before JDK 25), -1 while the class was not seen. */
    public int workerSites() {
        return workerSites;
    }

    private void warn(String message) {
        if (log != LogLevel.QUIET) {
            System.err.println("localdrop: warning: " + message);
        }
    }
}
