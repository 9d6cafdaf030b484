package io.localdrop.agent.exit;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * The same hooks as {@link ClassFilePatcher}, done with ASM: the fallback for a class file the hand patcher
 * does not understand. A class of its own so that nothing loads ASM unless it is needed.
 */
final class AsmHooks {
    private AsmHooks() {
    }

    /** Patches one of the hook classes ({@link HookPoint}); {@code sitesOut[0]} gets the number of hooks placed. */
    static byte[] patch(byte[] original, HookPoint point, int[] sitesOut) {
        ClassReader reader = new ClassReader(original);
        // Handing the reader to the writer lets it copy the constant pool and every unpatched method as is.
        ClassWriter writer = new ClassWriter(reader, 0);
        HookInjector injector;
        switch (point.kind) {
            case BEFORE_STATIC_CALL:
                injector = HookInjector.beforeStaticCall(writer, point.method, point.descriptor, point.event,
                        point.callOwner, point.callName);
                break;
            case ERASE_AT_ENTRY:
                injector = HookInjector.eraseAtEntry(writer, point.method, point.descriptor);
                break;
            default:
                injector = HookInjector.atEntry(writer, point.method, point.descriptor, point.event);
                break;
        }
        reader.accept(injector, 0);
        sitesOut[0] = injector.sites();
        return injector.sites() == 0 ? null : writer.toByteArray();
    }
}
