package io.localdrop.agent.exit;

import io.localdrop.internal.BridgeProtocol;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Inserts {@code LocaldropBridge.onThreadEvent(event)} into one method of one class: at its entry, or before
 * every call to a given static method (every copy javac made of a finally block calls it, so every path
 * out is covered); or {@code LocaldropBridge.beforeErase(local 0)} at its entry. The inserted code pushes one
 * value and consumes it, so it needs one more stack slot and no new stack-map frame.
 */
final class HookInjector extends ClassVisitor {
    /** Event code meaning "call beforeErase with local 0" instead of onThreadEvent. */
    private static final int ERASE = -1;

    private final String methodName;
    private final String methodDescriptor;
    private final int event;
    /** Null: hook at method entry; otherwise owner.name of the static call to hook before. */
    private final String beforeOwner;
    private final String beforeName;
    private int sites;

    private HookInjector(ClassVisitor next, String methodName, String methodDescriptor, int event,
                         String beforeOwner, String beforeName) {
        super(Opcodes.ASM9, next);
        this.methodName = methodName;
        this.methodDescriptor = methodDescriptor;
        this.event = event;
        this.beforeOwner = beforeOwner;
        this.beforeName = beforeName;
    }

    static HookInjector atEntry(ClassVisitor next, String methodName, String methodDescriptor, int event) {
        return new HookInjector(next, methodName, methodDescriptor, event, null, null);
    }

    /** {@code beforeErase(local 0)} at the entry: local 0 is the thread whose ThreadLocal maps the method erases. */
    static HookInjector eraseAtEntry(ClassVisitor next, String methodName, String methodDescriptor) {
        return new HookInjector(next, methodName, methodDescriptor, ERASE, null, null);
    }

    static HookInjector beforeStaticCall(ClassVisitor next, String methodName, String methodDescriptor, int event,
                                         String owner, String name) {
        return new HookInjector(next, methodName, methodDescriptor, event, owner, name);
    }

    /** How many hooks were inserted (0: the method or the call was not found). */
    int sites() {
        return sites;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (next == null || !name.equals(methodName) || !descriptor.equals(methodDescriptor)) {
            return next; // untouched methods go straight to the writer, which copies their bytes as they are
        }
        return new Patch(next);
    }

    private final class Patch extends MethodVisitor {
        Patch(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (beforeOwner == null) {
                hook();
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (beforeOwner != null && opcode == Opcodes.INVOKESTATIC && owner.equals(beforeOwner) && name.equals(beforeName)) {
                hook();
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + 1, maxLocals);
        }

        private void hook() {
            if (event == ERASE) {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeProtocol.INTERNAL_NAME, BridgeProtocol.ERASE_METHOD,
                        BridgeProtocol.ERASE_DESCRIPTOR, false);
            } else {
                super.visitInsn(Opcodes.ICONST_0 + event); // events are 0..5
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeProtocol.INTERNAL_NAME, BridgeProtocol.EVENT_METHOD,
                        BridgeProtocol.EVENT_DESCRIPTOR, false);
            }
            sites++;
        }
    }
}
