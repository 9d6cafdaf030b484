package io.localdrop.agent.sites;

import io.localdrop.agent.classfile.ConstantPool;
import io.localdrop.agent.classfile.MethodCalls;
import io.localdrop.agent.classfile.PoolWalk;

/**
 * Which methods of a candidate class may hold a site, before ASM reads it: a method that calls none of the
 * pool's references that {@link SiteMethodVisitor} could rewrite (a {@code get}, {@code set}, {@code remove},
 * constructor or {@code withInitial} of an owner that is or may be a ThreadLocal, by the rewriter's own test of the
 * owner, {@link ConstantPoolScan#mayBeThreadLocalOwner}) has none, and is copied by ASM as it is. A candidate with no such method
 * (its pool named a ThreadLocal only in a field's type, say) is not handed to ASM at all.
 */
final class SiteMethods {
    private static final byte[] INITIAL_VALUE = ConstantPool.ascii("initialValue");
    private static final byte[][] REWRITTEN = {ConstantPool.ascii("get"), ConstantPool.ascii("set"),
            ConstantPool.ascii("remove"), ConstantPool.ascii("<init>"), ConstantPool.ascii("withInitial")};

    private SiteMethods() {
    }

    /**
     * One flag per method of {@code classFile} (in the file's order): false when it cannot hold a site. Methods named
     * {@code initialValue} are always flagged (mode=enforce hooks them). Null when the bytes cannot be read this way:
     * every method may then hold one.
     */
    static boolean[] of(byte[] classFile, String className) {
        try {
            PoolWalk walk = PoolWalk.of(classFile); // the scan's walk of the same bytes, as a rule
            if (!walk.walked()) {
                return null;
            }
            int[] offsets = walk.offsets();
            int count = offsets.length;
            int afterPool = offsets[0];
            String outerPrefix = ConstantPoolScan.outerPrefix(className);
            boolean[] wanted = new boolean[count];
            for (int number = 1; number < count; number++) {
                int entry = offsets[number];
                if (entry != 0 && classFile[entry] == ConstantPool.METHOD_REF
                        && isRewrittenName(classFile, ConstantPool.firstReference(classFile, offsets,
                                ConstantPool.secondReference(classFile, offsets, entry)))) {
                    String owner = ConstantPool.utf8(classFile, ConstantPool.firstReference(classFile, offsets,
                            ConstantPool.firstReference(classFile, offsets, entry)));
                    wanted[number] = ConstantPoolScan.mayBeThreadLocalOwner(owner, className, outerPrefix);
                }
            }
            return MethodCalls.mayCall(classFile, offsets, afterPool, wanted, INITIAL_VALUE);
        } catch (RuntimeException malformed) {
            return null; // ASM decides, as it did before this look
        }
    }

    private static boolean isRewrittenName(byte[] classFile, int utf8) {
        for (byte[] name : REWRITTEN) {
            if (ConstantPool.utf8Equals(classFile, utf8, name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any flag is set: with none, the class holds no site. */
    static boolean any(boolean[] flags) {
        for (boolean flag : flags) {
            if (flag) {
                return true;
            }
        }
        return false;
    }
}
