package io.localdrop.agent.enforce;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites an application ThreadLocal subclass's {@code initialValue()} under enforce: every {@code ARETURN}
 * becomes {@code ALOAD 0; INVOKESTATIC EnforceHooks.initialized(value, this); ARETURN}, so the initial value's
 * store order is recorded where it is born, with no cost on the get path. Adds no branch (frames unchanged) and
 * one stack slot.
 */
public final class InitialValueHook extends MethodVisitor {
    static final String HOOKS = "io/localdrop/agent/enforce/EnforceHooks";

    public InitialValueHook(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** Whether a method is the one to hook: the instance method {@code Object initialValue()}. */
    public static boolean applies(int access, String name, String descriptor) {
        return EnforceSwitch.isOn() && (access & Opcodes.ACC_STATIC) == 0 && "initialValue".equals(name)
                && "()Ljava/lang/Object;".equals(descriptor);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.ARETURN) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "initialized",
                    "(Ljava/lang/Object;Ljava/lang/ThreadLocal;)Ljava/lang/Object;", false);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + 1, maxLocals);
    }
}
