package io.localdrop.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.tasks.WorkerCandidates;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The quick looks against real code: no class of the jars on the test class path (JUnit, ArchUnit with its bundled
 * libraries, ASM, byte-buddy-agent) that ASM would change is passed over by them. For every class, the site
 * rewriter with every method decoded is the reference for {@link ConstantPoolScan}, and an ASM search for the
 * instruction {@code invokeinterface Runnable.run()V} the reference for {@link WorkerCandidates}: a class the
 * reference finds and the quick look dismisses would lose its sites or its worker loop.
 */
class ScanRecallCorpusTest {
    @Test
    void noClassWithASiteOrATaskCallIsDismissedByTheQuickLooks() throws IOException {
        SiteRewriter rewriter = new SiteRewriter(new ClassFilter(List.of(), List.of()));
        ClassLoader loader = getClass().getClassLoader();
        int[] classes = new int[1];
        int[] withSites = new int[1];
        int[] withTaskCalls = new int[1];
        int[] candidates = new int[1];
        List<String> missed = new ArrayList<>();
        ClassPathCorpus.forEachClass((className, bytes) -> {
            classes[0]++;
            boolean candidate = ConstantPoolScan.mayUseThreadLocal(bytes);
            if (candidate) {
                candidates[0]++;
            }
            if (rewriter.rewrite(loader, className, bytes, null) != null) {
                withSites[0]++;
                if (!candidate) {
                    missed.add(className + " (a site)");
                }
            }
            if (callsRunnableRun(bytes)) {
                withTaskCalls[0]++;
                if (!WorkerCandidates.mayHaveWorkerLoop(loader, className, bytes) && !className.startsWith("java/")) {
                    missed.add(className + " (a Runnable.run() call)");
                }
            }
        });
        assertTrue(withSites[0] >= 5 && withTaskCalls[0] >= 5, "too little on the class path to say anything: "
                + classes[0] + " classes, " + withSites[0] + " with sites, " + withTaskCalls[0]
                + " calling Runnable.run()");
        assertTrue(candidates[0] < classes[0] / 10, "the scan passes over most classes: " + candidates[0] + " of "
                + classes[0]);
        assertEquals(List.of(), missed, classes[0] + " classes, " + candidates[0] + " scan candidates");
    }

    private static boolean callsRunnableRun(byte[] classFile) {
        boolean[] found = new boolean[1];
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                                                boolean isInterface) {
                        found[0] |= opcode == Opcodes.INVOKEINTERFACE && "java/lang/Runnable".equals(owner)
                                && "run".equals(method) && "()V".equals(methodDescriptor);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }
}
