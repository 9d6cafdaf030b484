package io.localdrop.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The method filter against real code: every candidate class of the jars on the test class path (JUnit, ArchUnit with
 * its bundled libraries, ASM, byte-buddy-agent) is rewritten twice, once with {@link SiteMethods} choosing the methods
 * ASM decodes and once with every method decoded, and the two results must hold the same instructions. A method the
 * filter dropped although it had a site would differ by its missing hook call.
 */
class SiteMethodsCorpusTest {
    @Test
    void filteringMethodsChangesNoRewrittenClass() throws IOException {
        SiteRewriter rewriter = new SiteRewriter(new ClassFilter(List.of(), List.of()));
        ClassLoader loader = getClass().getClassLoader();
        int[] candidates = new int[1];
        int[] rewritten = new int[1];
        List<String> differing = new ArrayList<>();
        ClassPathCorpus.forEachClass((className, bytes) -> {
            if (!ConstantPoolScan.mayUseThreadLocal(bytes)) {
                return;
            }
            candidates[0]++;
            byte[] filtered = rewriter.rewrite(loader, className, bytes);
            byte[] everyMethod = rewriter.rewrite(loader, className, bytes, null);
            if (everyMethod != null) {
                rewritten[0]++;
            }
            if (filtered == null || everyMethod == null) {
                if (filtered != everyMethod) {
                    differing.add(className + " (rewritten by one only)");
                }
                return;
            }
            if (!listing(filtered).equals(listing(everyMethod))) {
                differing.add(className);
            }
        });
        assertTrue(rewritten[0] >= 5, "too few rewritten classes on the class path to say anything: " + rewritten[0]
                + " of " + candidates[0] + " candidates");
        assertEquals(List.of(), differing, candidates[0] + " candidates, " + rewritten[0] + " rewritten");
    }

    /** Each method's instructions, line numbers, handlers and frames as text; max stack left out (see SiteMethodsTest). */
    private static Map<String, String> listing(byte[] classFile) {
        Map<String, String> methods = new LinkedHashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                StringBuilder text = new StringBuilder();
                methods.put(name + descriptor, "");
                return new Listing(text, () -> methods.put(name + descriptor, text.toString()));
            }
        }, 0);
        return methods;
    }

    private static final class Listing extends MethodVisitor {
        private final StringBuilder text;
        private final Runnable done;
        private final Map<Label, Integer> labels = new IdentityHashMap<>();

        Listing(StringBuilder text, Runnable done) {
            super(Opcodes.ASM9);
            this.text = text;
            this.done = done;
        }

        private String label(Label label) {
            return "L" + labels.computeIfAbsent(label, l -> labels.size());
        }

        private void line(Object... parts) {
            text.append(Arrays.deepToString(parts)).append('\n');
        }

        @Override
        public void visitInsn(int opcode) {
            line(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            line(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            line(opcode, varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            line(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            line(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            line(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            line("indy", name, descriptor, bootstrap.toString(), Arrays.toString(arguments));
        }

        @Override
        public void visitJumpInsn(int opcode, Label target) {
            line(opcode, label(target));
        }

        @Override
        public void visitLabel(Label label) {
            line(label(label));
        }

        @Override
        public void visitLdcInsn(Object value) {
            line("ldc", String.valueOf(value));
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            line("iinc", varIndex, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... targets) {
            List<String> names = new ArrayList<>();
            for (Label target : targets) {
                names.add(label(target));
            }
            line("tableswitch", min, max, label(dflt), names.toString());
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] targets) {
            List<String> names = new ArrayList<>();
            for (Label target : targets) {
                names.add(label(target));
            }
            line("lookupswitch", Arrays.toString(keys), label(dflt), names.toString());
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            line("multianewarray", descriptor, numDimensions);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            line("try", label(start), label(end), label(handler), type);
        }

        @Override
        public void visitLineNumber(int lineNumber, Label start) {
            line("line", lineNumber, label(start));
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            line("frame", type, numLocal, numStack);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            line("max locals", maxLocals);
        }

        @Override
        public void visitEnd() {
            done.run();
        }
    }
}
