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

    /** Patches one of the three hook classes; {@code sitesOut[0]} gets the number of hooks placed. */
    static byte[] patch(byte[] original, String className, int[] sitesOut) {
        ClassReader reader = new ClassReader(original);
        // Handing the reader to the writer lets it copy the constant pool and every unpatched method as is.
        ClassWriter writer = new ClassWriter(reader, 0);
        HookInjector injector;
        if (className.equals(ExitHookTransformer.THREAD)) {
            injector = HookInjector.atEntry(writer, "exit", "()V", ExitHookTransformer.THREAD_EXIT);
        } else if (className.equals(ExitHookTransformer.VIRTUAL_THREAD)) {
            injector = HookInjector.beforeStaticCall(writer, "run", "(Ljava/lang/Runnable;)V", ExitHookTransformer.THREAD_EXIT,
                    ExitHookTransformer.STACKABLE_SCOPE, "popAll");
        } else {
            injector = HookInjector.atEntry(writer, "resetThreadLocals", "()V", ExitHookTransformer.LOCALS_WIPE);
        }
        reader.accept(injector, 0);
        sitesOut[0] = injector.sites();
        return injector.sites() == 0 ? null : writer.toByteArray();
    }
}
