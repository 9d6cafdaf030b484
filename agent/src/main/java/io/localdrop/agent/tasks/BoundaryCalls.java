package io.localdrop.agent.tasks;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Emits {@code LocaldropBridge.onThreadEvent(code)}: two stack slots at most, no branch, no frame. */
final class BoundaryCalls {
    private BoundaryCalls() {
    }

    static void emit(MethodVisitor visitor, int code) {
        visitor.visitInsn(Opcodes.ICONST_0 + code);
        visitor.visitMethodInsn(Opcodes.INVOKESTATIC, TaskEvents.BRIDGE, TaskEvents.EVENT_METHOD, "(I)V", false);
    }
}
