package io.localdrop.agent.tasks;

import io.localdrop.agent.classfile.ConstantPool;
import io.localdrop.agent.classfile.PoolWalk;

/**
 * The cheap look before {@link WorkerLoops}' analysis: only a class of a loader other than the bootstrap loader,
 * not named as the JDK's, whose constant pool holds the interface-method reference {@code java/lang/Runnable.run()V} can
 * make the interface call {@code Runnable.run()} that a worker loop is. A class of its own, without ASM, so that the
 * agent's activation can ask the question for every loading class without loading the analysis.
 */
public final class WorkerCandidates {
    private static final byte[] RUNNABLE = ConstantPool.ascii("java/lang/Runnable");
    private static final byte[] RUN = ConstantPool.ascii("run");
    private static final byte[] VOID_NO_ARGS = ConstantPool.ascii("()V");

    private WorkerCandidates() {
    }

    /** Whether {@link WorkerLoops} may rewrite this class (false: it certainly does not). */
    public static boolean mayHaveWorkerLoop(ClassLoader loader, String className, byte[] classFile) {
        return loader != null && className != null && !isJdk(className) && callsRunnableRun(classFile);
    }

    static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/");
    }

    /**
     * Whether the constant pool holds the interface-method reference {@code java/lang/Runnable.run()V}, the one
     * constant an {@code invokeinterface} task call ({@link #isTaskCall}) must name: the quick test before ASM and
     * before any supertype's class file is read. A class that only implements or passes Runnables has no such
     * constant (before, naming {@code java/lang/Runnable} at all was enough, and each such class cost the class-file
     * reads of its supertypes through its loader: most of this transformer's start-up time on Spring Boot).
     */
    static boolean callsRunnableRun(byte[] classFile) {
        PoolWalk walk = PoolWalk.of(classFile);
        if (!walk.walked()) {
            return true; // unknown tag: let ASM decide
        }
        if (!walk.holds(PoolWalk.RUNNABLE | PoolWalk.RUN | PoolWalk.NO_ARGS_VOID)) {
            return false; // without all three strings there is no such reference: the usual case
        }
        int[] offsets = walk.offsets();
        int count = offsets.length;
        for (int index = 1; index < count; index++) {
            int at = offsets[index];
            if (at == 0 || classFile[at] != ConstantPool.INTERFACE_METHOD_REF) {
                continue;
            }
            int type = ConstantPool.firstReference(classFile, offsets, ConstantPool.firstReference(classFile, offsets, at));
            int nameAndType = ConstantPool.secondReference(classFile, offsets, at);
            if (ConstantPool.utf8Equals(classFile, type, RUNNABLE)
                    && ConstantPool.utf8Equals(classFile, ConstantPool.firstReference(classFile, offsets, nameAndType), RUN)
                    && ConstantPool.utf8Equals(classFile, ConstantPool.secondReference(classFile, offsets, nameAndType), VOID_NO_ARGS)) {
                return true;
            }
        }
        return false;
    }
}
