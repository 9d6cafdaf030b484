package io.localdrop.agent.exit;

import io.localdrop.agent.options.LogLevel;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

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
        ClassReader reader = new ClassReader(original);
        // Handing the reader to the writer lets it copy the constant pool and every unpatched method as is.
        ClassWriter writer = new ClassWriter(reader, 0);
        HookInjector injector;
        if (className.equals(THREAD)) {
            injector = HookInjector.atEntry(writer, "exit", "()V", THREAD_EXIT);
        } else if (className.equals(VIRTUAL_THREAD)) {
            injector = HookInjector.beforeStaticCall(writer, "run", "(Ljava/lang/Runnable;)V", THREAD_EXIT, STACKABLE_SCOPE, "popAll");
        } else {
            injector = HookInjector.atEntry(writer, "resetThreadLocals", "()V", LOCALS_WIPE);
        }
        reader.accept(injector, 0);
        int sites = injector.sites();
        if (className.equals(THREAD)) {
            threadSites = sites;
        } else if (className.equals(VIRTUAL_THREAD)) {
            virtualThreadSites = sites;
        } else {
            workerSites = sites;
        }
        return sites == 0 ? null : writer.toByteArray();
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
