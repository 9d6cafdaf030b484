package io.localdrop.agent.exit;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.options.LogLevel;
import io.localdrop.internal.BridgeProtocol;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Patches the JDK classes whose code sees a thread end (or its ThreadLocals erased), when they are loaded or
 * retransformed: every {@link HookPoint}. Registered with {@code canRetransform=true} and never removed: if another
 * agent retransforms {@code Thread} later, the JVM starts again from the original bytes and asks this transformer
 * again, so the hook survives.
 *
 * <p>Every other class costs one null check and one comparison of the class-name's first characters.
 * Never throws: a failure is reported once (unless {@code log=quiet}), recorded, and the class is left as it was.
 */
public final class ExitHookTransformer implements ClassFileTransformer {
    private static final HookPoint[] POINTS = HookPoint.values();

    private final LogLevel log;
    /** Hooks placed per {@link HookPoint} (by ordinal); -1 while its class was not seen. */
    private final AtomicIntegerArray sites = new AtomicIntegerArray(POINTS.length);

    public ExitHookTransformer(LogLevel log) {
        this.log = log;
        for (int i = 0; i < POINTS.length; i++) {
            sites.set(i, -1);
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (loader != null || className == null || !(className.startsWith("java/") || className.startsWith("jdk/internal/misc/"))) {
            return null;
        }
        for (HookPoint point : POINTS) {
            if (className.equals(point.owner)) {
                try {
                    return patch(classfileBuffer, point);
                } catch (Throwable failed) {
                    InternalErrors.record("exit hooks: patching a JDK class", failed);
                    warn("cannot patch " + point.binaryName() + "; " + point.threads + " will not destroy their keys: " + failed);
                    return null;
                }
            }
        }
        return null;
    }

    private byte[] patch(byte[] original, HookPoint point) {
        byte[] patched;
        int placed;
        try {
            if (point.kind == HookPoint.Kind.BEFORE_STATIC_CALL) {
                ClassFilePatcher.Result result = ClassFilePatcher.redirectStaticCall(original, point.method, point.descriptor,
                        point.callOwner, point.callName, "()V", BridgeProtocol.EXIT_THEN_POP_ALL_METHOD);
                patched = result == null ? null : result.bytes;
                placed = result == null ? 0 : result.sites;
            } else {
                patched = point.kind == HookPoint.Kind.ERASE_AT_ENTRY
                        ? ClassFilePatcher.hookEraseAtEntry(original, point.method, point.descriptor)
                        : ClassFilePatcher.hookAtEntry(original, point.method, point.descriptor, point.event);
                placed = patched == null ? 0 : 1;
            }
        } catch (RuntimeException unexpectedLayout) {
            // a class-file shape the hand patcher does not know: ASM does the same patch (slower to load)
            if (log == LogLevel.DEBUG) {
                System.err.println("localdrop: " + point.display() + " patched with ASM (" + unexpectedLayout + ")");
            }
            int[] sitesOut = new int[1];
            patched = AsmHooks.patch(original, point, sitesOut);
            placed = sitesOut[0];
        }
        sites.set(point.ordinal(), placed);
        return placed == 0 ? null : patched;
    }

    /** Hooks placed at {@code point}: -1 while its class was not seen, 0 when the class lacks the hook point. */
    int sites(HookPoint point) {
        return sites.get(point.ordinal());
    }

    /** Hooks placed in Thread.exit (1 when done), -1 while the class was not seen. */
    public int threadSites() {
        return sites(HookPoint.THREAD_EXIT);
    }

    /** {@code hooks: Thread.exit 1, VirtualThread.run 3, ...}: every hook point and its count (log=debug). */
    public String describe() {
        StringBuilder text = new StringBuilder("hooks:");
        for (HookPoint point : POINTS) {
            text.append(point == POINTS[0] ? " " : ", ").append(point.display()).append(' ').append(sites(point));
        }
        return text.toString();
    }

    private void warn(String message) {
        if (log != LogLevel.QUIET) {
            System.err.println("localdrop: warning: " + message);
        }
    }
}
