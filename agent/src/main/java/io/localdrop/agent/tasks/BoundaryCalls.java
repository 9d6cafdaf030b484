package io.localdrop.agent.tasks;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Emits {@code LocaldropBridge.onThreadEvent(code)}: one stack slot at most, no branch, no frame. */
final class BoundaryCalls {
    private BoundaryCalls() {
    }

    static void emit(MethodVisitor visitor, int code) {
        if (code <= 5) {
            visitor.visitInsn(Opcodes.ICONST_0 + code);
        } else {
            visitor.visitIntInsn(Opcodes.BIPUSH, code);
        }
        visitor.visitMethodInsn(Opcodes.INVOKESTATIC, TaskEvents.BRIDGE, TaskEvents.EVENT_METHOD, "(I)V", false);
    }
}
