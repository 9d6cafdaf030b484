package io.localdrop.agent.tasks;

import io.localdrop.internal.BridgeProtocol;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The general task boundary, for pools the agent does not know by name (Undertow's and WildFly's
 * {@code EnhancedQueueExecutor}, Netty's executors and event loops' task queues, gRPC's executors, hand-written
 * worker loops): the {@code Executor} contract says a task is one {@code Runnable.run()} that a worker runs on its
 * own thread. So a call {@code task.run()} (an interface call on {@code java.lang.Runnable}, on an object other
 * than {@code this}) becomes a task when it is made
 * <ul>
 *   <li>by a class in the nest of an {@code Executor} implementation (the class itself or a class it is nested
 *       in), outside {@code execute(Runnable)} itself (which may run the task on the caller's thread: that is the
 *       caller's work); or</li>
 *   <li>by a {@code Thread} or {@code Runnable} subclass, inside a loop of its method (a backward jump spans the
 *       call): a worker loop. A call outside a loop is a wrapper or a thread's one body, not a pool.</li>
 * </ul>
 * Decided from the class file and its supertypes' class files ({@link WorkerTypes}), loading nothing. The call
 * is replaced by {@code LocaldropBridge.runTask(task)}, which calls {@code task.run()} between a task start and
 * end: the same object runs, nothing is wrapped. Nested in another task it only deepens it ({@link io.localdrop.agent.findings.TaskTracker}).
 * JDK classes are not rewritten (their pools have named boundaries); nor are the agent's and the runtime's own
 * ({@link TaskBoundaryTransformer} leaves them out).
 */
final class WorkerLoops {
    private static final byte[] RUNNABLE = "java/lang/Runnable".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] RUN = "run".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] VOID_NO_ARGS = "()V".getBytes(StandardCharsets.ISO_8859_1);

    private final WorkerTypes types = new WorkerTypes();

    /** The class file rewritten, or null when it has no task call. Throws on a malformed class (caller catches). */
    byte[] rewrite(ClassLoader loader, String className, byte[] classFile) {
        if (loader == null || WorkerTypes.isJdk(className) || !callsRunnableRun(classFile)) {
            return null;
        }
        ClassReader reader = new ClassReader(classFile);
        byte flags = types.of(loader, reader.getSuperName(), reader.getInterfaces());
        boolean executorNest = (flags & WorkerTypes.EXECUTOR) != 0 || outerIsExecutor(loader, className);
        if (!executorNest && (flags & (WorkerTypes.THREAD | WorkerTypes.RUNNABLE)) == 0) {
            return null;
        }
        Analysis analysis = new Analysis(executorNest);
        reader.accept(analysis, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (analysis.selected.isEmpty()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new Rewrite(writer, analysis.selected), 0);
        return writer.toByteArray();
    }

    private boolean outerIsExecutor(ClassLoader loader, String className) {
        for (int at = className.lastIndexOf('$'); at > 0; at = className.lastIndexOf('$', at - 1)) {
            if ((types.of(loader, className.substring(0, at)) & WorkerTypes.EXECUTOR) != 0) {
                return true;
            }
        }
        return false;
    }

    static boolean isTaskCall(int opcode, String owner, String name, String descriptor) {
        return opcode == Opcodes.INVOKEINTERFACE && "run".equals(name) && "()V".equals(descriptor)
                && "java/lang/Runnable".equals(owner);
    }

    /**
     * Whether the constant pool holds the interface-method reference {@code java/lang/Runnable.run()V}, the one
     * constant an {@code invokeinterface} task call ({@link #isTaskCall}) must name: the quick test before ASM and
     * before any supertype's class file is read. A class that only implements or passes Runnables has no such
     * constant (before, naming {@code java/lang/Runnable} at all was enough, and each such class cost the class-file
     * reads of its supertypes through its loader: most of this transformer's start-up time on Spring Boot).
     */
    static boolean callsRunnableRun(byte[] classFile) {
        int count = u2(classFile, 8);
        boolean runnable = false;
        boolean run = false;
        boolean voidNoArgs = false;
        int offset = 10;
        for (int index = 1; index < count; index++) {
            if (classFile[offset] == 1) {
                int length = u2(classFile, offset + 1);
                runnable |= matches(classFile, offset + 3, length, RUNNABLE);
                run |= matches(classFile, offset + 3, length, RUN);
                voidNoArgs |= matches(classFile, offset + 3, length, VOID_NO_ARGS);
            }
            int size = entrySize(classFile, offset);
            if (size < 0) {
                return true; // unknown tag: let ASM decide
            }
            index += classFile[offset] == 5 || classFile[offset] == 6 ? 1 : 0; // a long or double takes two slots
            offset += size;
        }
        if (!runnable || !run || !voidNoArgs) {
            return false; // without all three strings there is no such reference: the usual case, one pass, no allocation
        }
        int[] offsets = new int[count];
        offset = 10;
        for (int index = 1; index < count; index++) {
            offsets[index] = offset;
            index += classFile[offset] == 5 || classFile[offset] == 6 ? 1 : 0;
            offset += entrySize(classFile, offset);
        }
        for (int index = 1; index < count; index++) {
            int at = offsets[index];
            if (at == 0 || classFile[at] != 11) {
                continue;
            }
            int type = offsets[u2(classFile, offsets[u2(classFile, at + 1)] + 1)];
            int nameAndType = offsets[u2(classFile, at + 3)];
            int name = offsets[u2(classFile, nameAndType + 1)];
            int descriptor = offsets[u2(classFile, nameAndType + 3)];
            if (matches(classFile, type + 3, u2(classFile, type + 1), RUNNABLE)
                    && matches(classFile, name + 3, u2(classFile, name + 1), RUN)
                    && matches(classFile, descriptor + 3, u2(classFile, descriptor + 1), VOID_NO_ARGS)) {
                return true;
            }
        }
        return false;
    }

    /** The size in bytes of the constant-pool entry at {@code offset}, or -1 for a tag this code does not know. */
    private static int entrySize(byte[] classFile, int offset) {
        switch (classFile[offset] & 0xff) {
            case 1:
                return 3 + u2(classFile, offset + 1);
            case 7: case 8: case 16: case 19: case 20:
                return 3;
            case 15:
                return 4;
            case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                return 5;
            case 5: case 6:
                return 9;
            default:
                return -1;
        }
    }

    private static int u2(byte[] data, int at) {
        return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
    }

    private static boolean matches(byte[] classFile, int at, int length, byte[] wanted) {
        if (length != wanted.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (classFile[at + i] != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    /** First pass: which task calls of which method become tasks (by their order in the method). */
    private static final class Analysis extends ClassVisitor {
        final Map<String, boolean[]> selected = new HashMap<>();
        private final boolean executorNest;

        Analysis(boolean executorNest) {
            super(Opcodes.ASM9);
            this.executorNest = executorNest;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || name.startsWith("<")
                    || "execute".equals(name) && "(Ljava/lang/Runnable;)V".equals(descriptor)) {
                return null;
            }
            return new MethodAnalysis(name + descriptor, (access & Opcodes.ACC_STATIC) != 0);
        }

        private final class MethodAnalysis extends MethodVisitor {
            private final String key;
            private final boolean isStatic;
            private final Map<Label, Integer> seen = new IdentityHashMap<>();
            private final List<int[]> loops = new ArrayList<>();
            private final List<int[]> calls = new ArrayList<>();
            private int index;
            private boolean thisOnStack;

            MethodAnalysis(String key, boolean isStatic) {
                super(Opcodes.ASM9);
                this.key = key;
                this.isStatic = isStatic;
            }

            private void insn() {
                index++;
                thisOnStack = false;
            }

            @Override
            public void visitLabel(Label label) {
                seen.put(label, index);
            }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                backTo(label);
                insn();
            }

            @Override
            public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                backTo(dflt);
                for (Label label : labels) {
                    backTo(label);
                }
                insn();
            }

            @Override
            public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                backTo(dflt);
                for (Label label : labels) {
                    backTo(label);
                }
                insn();
            }

            private void backTo(Label label) {
                Integer target = seen.get(label);
                if (target != null) {
                    loops.add(new int[] {target, index});
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                        boolean isInterface) {
                if (isTaskCall(opcode, owner, name, descriptor)) {
                    calls.add(new int[] {index, thisOnStack ? 1 : 0});
                }
                insn();
            }

            @Override
            public void visitVarInsn(int opcode, int varIndex) {
                insn();
                thisOnStack = opcode == Opcodes.ALOAD && varIndex == 0 && !isStatic;
            }

            @Override
            public void visitInsn(int opcode) {
                insn();
            }

            @Override
            public void visitIntInsn(int opcode, int operand) {
                insn();
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                insn();
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                insn();
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, org.objectweb.asm.Handle bootstrap,
                                               Object... arguments) {
                insn();
            }

            @Override
            public void visitLdcInsn(Object value) {
                insn();
            }

            @Override
            public void visitIincInsn(int varIndex, int increment) {
                insn();
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
                insn();
            }

            @Override
            public void visitEnd() {
                if (calls.isEmpty()) {
                    return;
                }
                boolean[] chosen = new boolean[calls.size()];
                boolean any = false;
                for (int i = 0; i < calls.size(); i++) {
                    int[] call = calls.get(i);
                    // this.run() is the object's own work, not a task handed to it
                    chosen[i] = call[1] == 0 && (executorNest || inLoop(call[0]));
                    any |= chosen[i];
                }
                if (any) {
                    selected.put(key, chosen);
                }
            }

            private boolean inLoop(int at) {
                for (int[] loop : loops) {
                    if (loop[0] <= at && at <= loop[1]) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /** Second pass: the chosen calls become {@code LocaldropBridge.runTask(task)} (same stack effect). */
    private static final class Rewrite extends ClassVisitor {
        private final Map<String, boolean[]> selected;

        Rewrite(ClassVisitor next, Map<String, boolean[]> selected) {
            super(Opcodes.ASM9, next);
            this.selected = selected;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            boolean[] chosen = selected.get(name + descriptor);
            if (next == null || chosen == null) {
                return next;
            }
            return new MethodVisitor(Opcodes.ASM9, next) {
                private int call;

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                            boolean isInterface) {
                    if (isTaskCall(opcode, owner, name, descriptor) && call < chosen.length && chosen[call++]) {
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeProtocol.INTERNAL_NAME,
                                BridgeProtocol.RUN_TASK_METHOD, BridgeProtocol.RUN_TASK_DESCRIPTOR, false);
                        return;
                    }
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                }
            };
        }
    }
}
