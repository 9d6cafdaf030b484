package io.localdrop.agent.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The hand patcher, checked two ways: patched classes of known shapes are loaded (so the JVM's verifier checks
 * every stack-map frame) and run against {@link RecordingBridge}; and the running JDK's own Thread,
 * VirtualThread and ForkJoinWorkerThread are patched and compared, instruction by instruction, with the original.
 */
class ClassFilePatcherTest {
    private static final String SUBJECT = "io.localdrop.agent.exit.PatchSubject";

    @BeforeEach
    void reset() {
        RecordingBridge.EVENTS.set(0);
        RecordingBridge.POPS.set(0);
        RecordingBridge.lastEvent = -1;
    }

    @Test
    void entryHookRunsFirstAndEveryMethodStillComputesTheSame() throws Exception {
        Object[][] calls = {
            {"loop", new Class<?>[] {int.class}, new Object[] {10}, 45},
            {"table", new Class<?>[] {int.class}, new Object[] {2}, "c"},
            {"table", new Class<?>[] {int.class}, new Object[] {9}, "z"},
            {"lookup", new Class<?>[] {int.class}, new Object[] {1000}, "thousand"},
            {"lookup", new Class<?>[] {int.class}, new Object[] {-7}, "minus seven"},
            {"parse", new Class<?>[] {String.class}, new Object[] {"42"}, 42},
            {"parse", new Class<?>[] {String.class}, new Object[] {"x"}, -1},
        };
        for (Object[] call : calls) {
            String name = (String) call[0];
            byte[] patched = ClassFilePatcher.hookAtEntry(bytesOf(SUBJECT), name, descriptorOf(name, (Class<?>[]) call[1]), 1,
                    RecordingBridge.INTERNAL_NAME);
            assertNotNull(patched, name);
            Class<?> subject = load(SUBJECT, patched);
            int before = RecordingBridge.EVENTS.get();
            Object result = subject.getMethod(name, (Class<?>[]) call[1]).invoke(null, (Object[]) call[2]);
            assertEquals(call[3], result, name);
            assertEquals(before + 1, RecordingBridge.EVENTS.get(), name);
            assertEquals(1, RecordingBridge.lastEvent);
        }
    }

    @Test
    void entryHookOnAnInstanceMethodWithTwoSlotLocals() throws Exception {
        byte[] patched = ClassFilePatcher.hookAtEntry(bytesOf(SUBJECT), "wide", "(JD)J", 0, RecordingBridge.INTERNAL_NAME);
        Class<?> subject = load(SUBJECT, patched);
        Object instance = subject.getConstructor().newInstance();
        assertEquals(26L, subject.getMethod("wide", long.class, double.class).invoke(instance, 10L, 6.5));
        assertEquals(1, RecordingBridge.EVENTS.get());
        assertEquals(0, RecordingBridge.lastEvent);
    }

    @Test
    void eraseHookHandsLocalZeroToTheBridgeAndTheMethodStillComputesTheSame() throws Exception {
        byte[] patched = ClassFilePatcher.hookEraseAtEntry(bytesOf(SUBJECT), "eraseLike", "(Ljava/lang/Thread;I)Ljava/lang/String;",
                RecordingBridge.INTERNAL_NAME);
        Class<?> subject = load(SUBJECT, patched);
        Thread other = new Thread("erased-one");
        assertEquals("erased-one,erased-one,erased-one",
                subject.getMethod("eraseLike", Thread.class, int.class).invoke(null, other, 3));
        assertEquals(1, RecordingBridge.EVENTS.get());
        assertSame(other, RecordingBridge.lastErased);
    }

    @Test
    void jdkThreadLocalEraseMethodsGetTheEraseHookFirstAndAreOtherwiseUnchanged() throws IOException {
        String[][] methods = {
            {"java.util.concurrent.ThreadLocalRandom", "eraseThreadLocals", "(Ljava/lang/Thread;)V"},
            {"jdk.internal.misc.InnocuousThread", "eraseThreadLocals", "()V"},
        };
        for (String[] method : methods) {
            byte[] original = bytesOf(method[0]);
            byte[] patched = ClassFilePatcher.hookEraseAtEntry(original, method[1], method[2]);
            List<String> before = instructions(original, method[1], method[2]);
            List<String> after = instructions(patched, method[1], method[2]);
            assertEquals(List.of("op" + org.objectweb.asm.Opcodes.ALOAD + " 0", "INVOKESTATIC java/lang/LocaldropBridge.beforeErase(Ljava/lang/Thread;)V"),
                    after.subList(0, 2), method[0]);
            assertEquals(before, after.subList(2, after.size()), method[0]);
        }
    }

    /** Generated methods whose first frame sits at an offset such that +4 crosses the one-byte encoding limit (63). */
    @ParameterizedTest
    @ValueSource(ints = {0, 10, 54, 55, 56, 57, 58, 59, 60, 70})
    void firstFrameEncodingsSurviveTheShift(int nops) throws Exception {
        byte[] generated = generated(nops);
        for (String method : new String[] {"branch", "handler"}) {
            byte[] patched = ClassFilePatcher.hookAtEntry(generated, method, "(I)I", 0, RecordingBridge.INTERNAL_NAME);
            Class<?> subject = load("gen.Frames", patched);
            Method m = subject.getMethod(method, int.class);
            assertEquals(1, m.invoke(null, 5), method + " with " + nops + " nops");
            assertEquals(method.equals("branch") ? 0 : -1, m.invoke(null, 0), method + " with " + nops + " nops");
        }
        assertEquals(4, RecordingBridge.EVENTS.get());
    }

    @Test
    void redirectReplacesEveryCopyOfTheFinallyCall() throws Exception {
        ClassFilePatcher.Result result = ClassFilePatcher.redirectStaticCall(bytesOf(SUBJECT), "finallyCopies", "(Z)I",
                RecordingBridge.PopTarget.INTERNAL_NAME, "popAll", "()V", RecordingBridge.INTERNAL_NAME, "exitThenPopAll");
        assertNotNull(result);
        assertTrue(result.sites >= 2, "javac copies finally blocks: " + result.sites);
        Class<?> subject = load(SUBJECT, result.bytes);
        Method m = subject.getMethod("finallyCopies", boolean.class);
        assertEquals(1, m.invoke(null, false));
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> m.invoke(null, true));
        assertEquals(IllegalStateException.class, thrown.getCause().getClass());
        assertEquals(2, RecordingBridge.EVENTS.get(), "the hook ran on the normal and the exceptional path");
        assertEquals(2, RecordingBridge.POPS.get(), "and the original call still ran after it");
    }

    @Test
    void absentMethodOrCallMeansNoPatch() throws IOException {
        assertNull(ClassFilePatcher.hookAtEntry(bytesOf(SUBJECT), "nothing", "()V", 0, RecordingBridge.INTERNAL_NAME));
        assertNull(ClassFilePatcher.redirectStaticCall(bytesOf(SUBJECT), "loop", "(I)I", RecordingBridge.PopTarget.INTERNAL_NAME,
                "popAll", "()V", RecordingBridge.INTERNAL_NAME, "exitThenPopAll"));
    }

    @Test
    void jdkThreadExitGetsTheHookFirstAndIsOtherwiseUnchanged() throws IOException {
        byte[] original = bytesOf("java.lang.Thread");
        byte[] patched = ClassFilePatcher.hookAtEntry(original, "exit", "()V", 0);
        assertNotNull(patched);
        List<String> before = instructions(original, "exit", "()V");
        List<String> after = instructions(patched, "exit", "()V");
        assertEquals("ICONST_0", after.get(0));
        assertEquals("INVOKESTATIC java/lang/LocaldropBridge.onThreadEvent(I)V", after.get(1));
        assertEquals(before, after.subList(2, after.size()));
    }

    @Test
    void jdkVirtualThreadRunCallsTheBridgeInsteadOfEachPopAll() throws IOException {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads are JDK 21+");
        byte[] original = bytesOf("java.lang.VirtualThread");
        ClassFilePatcher.Result result = ClassFilePatcher.redirectStaticCall(original, "run", "(Ljava/lang/Runnable;)V",
                "jdk/internal/vm/StackableScope", "popAll", "()V", "exitThenPopAll");
        assertNotNull(result);
        List<String> before = instructions(original, "run", "(Ljava/lang/Runnable;)V");
        List<String> after = instructions(result.bytes, "run", "(Ljava/lang/Runnable;)V");
        long pops = before.stream().filter(i -> i.equals("INVOKESTATIC jdk/internal/vm/StackableScope.popAll()V")).count();
        assertTrue(pops >= 2, "every copy of the finally block: " + pops);
        assertEquals(pops, result.sites);
        List<String> expected = new ArrayList<>();
        for (String instruction : before) {
            expected.add(instruction.equals("INVOKESTATIC jdk/internal/vm/StackableScope.popAll()V")
                    ? "INVOKESTATIC java/lang/LocaldropBridge.exitThenPopAll()V" : instruction);
        }
        assertEquals(expected, after);
    }

    @Test
    void jdkForkJoinWorkerResetThreadLocalsGetsTheWipeHook() throws IOException {
        byte[] original = bytesOf("java.util.concurrent.ForkJoinWorkerThread");
        byte[] patched = ClassFilePatcher.hookAtEntry(original, "resetThreadLocals", "()V", 1);
        if (Runtime.version().feature() < 25) {
            assertNull(patched, "no resetThreadLocals before JDK 25");
            return;
        }
        List<String> after = instructions(patched, "resetThreadLocals", "()V");
        assertEquals("ICONST_1", after.get(0));
        assertEquals("INVOKESTATIC java/lang/LocaldropBridge.onThreadEvent(I)V", after.get(1));
    }

    @Test
    void aMalformedFileIsRefusedSoTheCallerFallsBackToAsm() {
        assertThrows(UnsupportedOperationException.class,
                () -> ClassFilePatcher.hookAtEntry(new byte[] {1, 2, 3, 4, 0, 0, 0, 0, 0, 1}, "exit", "()V", 0));
    }

    // ---- helpers

    static byte[] bytesOf(String className) throws IOException {
        try (InputStream in = Object.class.getResourceAsStream("/" + className.replace('.', '/') + ".class")) {
            if (in == null) {
                // not a JDK class: from the test class path
                try (InputStream test = ClassFilePatcherTest.class.getResourceAsStream("/" + className.replace('.', '/') + ".class")) {
                    return test.readAllBytes();
                }
            }
            return in.readAllBytes();
        }
    }

    private static String descriptorOf(String name, Class<?>[] parameters) throws NoSuchMethodException {
        return org.objectweb.asm.Type.getMethodDescriptor(PatchSubject.class.getMethod(name, parameters));
    }

    /** Defines the class in a fresh loader (verified like any application class), the test's classes as parent. */
    private static Class<?> load(String name, byte[] bytes) throws ClassNotFoundException {
        ClassLoader loader = new ClassLoader(ClassFilePatcherTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String wanted, boolean resolve) throws ClassNotFoundException {
                if (wanted.equals(name)) {
                    synchronized (getClassLoadingLock(wanted)) {
                        Class<?> loaded = findLoadedClass(wanted);
                        return loaded != null ? loaded : defineClass(wanted, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(wanted, resolve);
            }
        };
        return Class.forName(name, true, loader);
    }

    /** Class gen.Frames: branch(I)I and handler(I)I, each with {@code nops} NOPs before its first frame. */
    private static byte[] generated(int nops) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "gen/Frames", null, "java/lang/Object", null);
        MethodVisitor branch = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "branch", "(I)I", null, null);
        branch.visitCode();
        for (int i = 0; i < nops; i++) {
            branch.visitInsn(Opcodes.NOP);
        }
        Label zero = new Label();
        branch.visitVarInsn(Opcodes.ILOAD, 0);
        branch.visitJumpInsn(Opcodes.IFLE, zero);
        branch.visitInsn(Opcodes.ICONST_1);
        branch.visitInsn(Opcodes.IRETURN);
        branch.visitLabel(zero); // same_frame at nops + 6
        branch.visitInsn(Opcodes.ICONST_0);
        branch.visitInsn(Opcodes.IRETURN);
        branch.visitMaxs(0, 0);
        branch.visitEnd();

        MethodVisitor handler = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "handler", "(I)I", null, null);
        handler.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label catchAll = new Label();
        handler.visitTryCatchBlock(start, end, catchAll, "java/lang/ArithmeticException");
        handler.visitLabel(start);
        for (int i = 0; i < nops; i++) {
            handler.visitInsn(Opcodes.NOP);
        }
        handler.visitInsn(Opcodes.ICONST_5);
        handler.visitVarInsn(Opcodes.ILOAD, 0);
        handler.visitInsn(Opcodes.IDIV); // 5 / 0 throws
        handler.visitInsn(Opcodes.POP);
        handler.visitInsn(Opcodes.ICONST_1);
        handler.visitLabel(end);
        handler.visitInsn(Opcodes.IRETURN);
        handler.visitLabel(catchAll); // same_locals_1_stack_item at nops + 6
        handler.visitInsn(Opcodes.POP);
        handler.visitInsn(Opcodes.ICONST_M1);
        handler.visitInsn(Opcodes.IRETURN);
        handler.visitMaxs(0, 0);
        handler.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** An opcode's name for the few the assertions name, else its number (asm-util is not a dependency). */
    private static String op(int opcode) {
        switch (opcode) {
            case Opcodes.ICONST_0: return "ICONST_0";
            case Opcodes.ICONST_1: return "ICONST_1";
            case Opcodes.INVOKESTATIC: return "INVOKESTATIC";
            default: return "op" + opcode;
        }
    }

    /** The method's instructions as text, without offsets (labels and frames left out), then its handlers. */
    static List<String> instructions(byte[] classFile, String name, String descriptor) {
        List<String> out = new ArrayList<>();
        List<String> handlers = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String methodName, String methodDescriptor, String signature, String[] exceptions) {
                if (!methodName.equals(name) || !methodDescriptor.equals(descriptor)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int opcode) {
                        out.add(op(opcode));
                    }

                    @Override
                    public void visitIntInsn(int opcode, int operand) {
                        out.add(op(opcode) + " " + operand);
                    }

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        out.add(op(opcode) + " " + var);
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        out.add(op(opcode) + " " + type);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                        out.add(op(opcode) + " " + owner + "." + field + fieldDescriptor);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor, boolean itf) {
                        out.add(op(opcode) + " " + owner + "." + method + methodDescriptor);
                    }

                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        out.add(op(opcode));
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        out.add("LDC " + value);
                    }

                    @Override
                    public void visitIincInsn(int var, int increment) {
                        out.add("IINC " + var + " " + increment);
                    }

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        handlers.add("TRY " + type);
                    }
                };
            }
        }, 0);
        out.addAll(handlers);
        return out;
    }
}
