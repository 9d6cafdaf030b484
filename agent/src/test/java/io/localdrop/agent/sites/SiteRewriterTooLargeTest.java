package io.localdrop.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.health.InternalErrors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A method that the hooks would push past 64 KiB of code is left as it was; the class's other methods are rewritten. */
class SiteRewriterTooLargeTest {
    private static final String TL = "java/lang/ThreadLocal";
    private static final String HOOKS = "io/localdrop/agent/sites/SiteHooks";

    @Test
    void aMethodTooLargeOnceRewrittenIsLeftAloneAndTheOthersAreRewritten() {
        long before = InternalErrors.total();
        byte[] original = huge();
        byte[] rewritten = new SiteRewriter(new ClassFilter(List.of(), List.of()))
                .rewrite(getClass().getClassLoader(), "com/acme/Huge", original);
        assertNotNull(rewritten, "the class is rewritten, not left alone for one method");
        Map<String, Integer> hookCalls = hookCallsPerMethod(rewritten);
        assertEquals(0, hookCalls.get("big"), "the method too large once rewritten keeps its own calls");
        assertEquals(1, hookCalls.get("small"));
        assertTrue(InternalErrors.total() > before, "its sites are not seen: counted, not silent");
        assertTrue(InternalErrors.distinct().stream().anyMatch(
                e -> e.where().equals("site rewriter: a method too large once rewritten is left as it was")));
    }

    /** {@code big()}: 8,000 {@code T.set("x")} (64,001 bytes of code; each hook call adds at least one); {@code small()}: one. */
    private static byte[] huge() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, "com/acme/Huge", null, "java/lang/Object", null);
        writer.visitSource("Huge.java", null);
        writer.visitField(Opcodes.ACC_STATIC, "T", "L" + TL + ";", null, null).visitEnd();
        setsMethod(writer, "big", 8_000);
        setsMethod(writer, "small", 1);
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static void setsMethod(ClassWriter writer, String name, int sets) {
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, name, "()V", null, null);
        method.visitCode();
        for (int i = 0; i < sets; i++) {
            method.visitFieldInsn(Opcodes.GETSTATIC, "com/acme/Huge", "T", "L" + TL + ";");
            method.visitLdcInsn("x");
            method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, TL, "set", "(Ljava/lang/Object;)V", false);
        }
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
    }

    private static Map<String, Integer> hookCallsPerMethod(byte[] classFile) {
        Map<String, Integer> calls = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                calls.put(name, 0);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (owner.equals(HOOKS)) {
                            calls.merge(name, 1, Integer::sum);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }
}
