package io.localdrop.agent.tasks;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Makes each invocation of a method one task: start at entry, end before every return and, through a
 * catch-all handler appended last to the exception table (so the method's own handlers still come
 * first), on every exception that leaves the method, which is rethrown unchanged.
 *
 * <p>The handler's stack-map frame is written by hand from the method's descriptor (its entry locals),
 * so no class is loaded to compute frames.
 */
final class MethodBoundaryVisitor extends MethodVisitor {
    private final int startCode;
    private final int endCode;
    private final boolean frames;
    private final Object[] entryLocals;
    private final Label start = new Label();
    private final boolean wrapExceptions;

    /**
     * @param owner internal name of the declaring class
     * @param isStatic whether the method is static
     * @param frames whether the class file has stack-map frames (version 50+)
     * @param wrapExceptions false when the method is known to catch everything itself (ForkJoinTask.doExec)
     */
    MethodBoundaryVisitor(MethodVisitor next, String owner, boolean isStatic, String descriptor, boolean frames,
                          int startCode, int endCode, boolean wrapExceptions) {
        super(Opcodes.ASM9, next);
        this.startCode = startCode;
        this.endCode = endCode;
        this.frames = frames;
        this.wrapExceptions = wrapExceptions;
        Type[] arguments = Type.getArgumentTypes(descriptor);
        entryLocals = new Object[arguments.length + (isStatic ? 0 : 1)];
        int at = 0;
        if (!isStatic) {
            entryLocals[at++] = owner;
        }
        for (Type argument : arguments) {
            entryLocals[at++] = frameType(argument);
        }
    }

    private static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.ARRAY:
                return type.getDescriptor();
            default:
                return type.getInternalName();
        }
    }

    @Override
    public void visitCode() {
        super.visitCode();
        BoundaryCalls.emit(mv, startCode);
        super.visitLabel(start);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            BoundaryCalls.emit(mv, endCode);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (wrapExceptions) {
            Label end = new Label();
            Label handler = new Label();
            super.visitLabel(end);
            super.visitTryCatchBlock(start, end, handler, null);
            super.visitLabel(handler);
            if (frames) {
                super.visitFrame(Opcodes.F_FULL, entryLocals.length, entryLocals, 1, new Object[] {"java/lang/Throwable"});
            }
            BoundaryCalls.emit(mv, endCode);
            super.visitInsn(Opcodes.ATHROW);
        }
        super.visitMaxs(Math.max(maxStack + 2, 2), maxLocals);
    }
}
