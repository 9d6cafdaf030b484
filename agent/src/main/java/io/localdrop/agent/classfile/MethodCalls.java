package io.localdrop.agent.classfile;

/**
 * Which methods of a class file may call given methods, read from its bytes: so that a rewriter hands ASM only the
 * methods it may change, and ASM copies every other method as it is (a method visitor that is the class writer's own
 * makes ASM copy the method's bytes instead of decoding and encoding its code) or skips a class with none.
 */
public final class MethodCalls {
    private static final byte[] CODE = ConstantPool.ascii("Code");
    private static final int INVOKEVIRTUAL = 0xb6;
    private static final int INVOKEINTERFACE = 0xb9;

    private MethodCalls() {
    }

    /**
     * For each method of the class file, in the file's order (the order in which ASM visits them), whether its code
     * has an invoke instruction naming a constant-pool entry whose number is marked in {@code wanted}, or the method
     * is named {@code alsoNamed}.
     *
     * <p>The code is not decoded instruction by instruction: any byte with an invoke opcode's value followed by a
     * wanted number counts, even inside another instruction's operands. So the answer may be true for a method that
     * makes no such call (the rewriter then looks at it as before), never false for one that does.
     *
     * @param offsets   the pool's entry offsets, as {@link ConstantPool#index} filled them
     * @param afterPool what {@link ConstantPool#index} returned: the offset of the class's access flags
     * @return one flag per method, or null when the bytes cannot be read this way (the caller looks at every method)
     */
    public static boolean[] mayCall(byte[] classFile, int[] offsets, int afterPool, boolean[] wanted,
                                    byte[] alsoNamed) {
        try {
            int at = afterPool + 6; // access flags, this class, super class
            at += 2 + 2 * ConstantPool.u2(classFile, at); // interfaces
            int fields = ConstantPool.u2(classFile, at);
            at += 2;
            for (int i = 0; i < fields; i++) {
                at = skipAttributes(classFile, at + 6);
            }
            int methods = ConstantPool.u2(classFile, at);
            at += 2;
            boolean[] result = new boolean[methods];
            for (int m = 0; m < methods; m++) {
                result[m] = ConstantPool.utf8Equals(classFile, offsets[ConstantPool.u2(classFile, at + 2)], alsoNamed);
                int attributes = ConstantPool.u2(classFile, at + 6);
                at += 8;
                for (int a = 0; a < attributes; a++) {
                    int length = u4(classFile, at + 2);
                    if (!result[m] && ConstantPool.utf8Equals(classFile, offsets[ConstantPool.u2(classFile, at)], CODE)) {
                        result[m] = invokes(classFile, at + 14, u4(classFile, at + 10), wanted);
                    }
                    at += 6 + length;
                }
            }
            if (at > classFile.length) {
                return null;
            }
            return result;
        } catch (RuntimeException malformed) {
            return null; // not a class file this reader understands: ASM decides, as without it
        }
    }

    private static boolean invokes(byte[] classFile, int start, int length, boolean[] wanted) {
        if (length < 0 || start + length > classFile.length) {
            throw new IndexOutOfBoundsException("code past the end of the class file");
        }
        for (int i = start, end = start + length - 2; i < end; i++) {
            int opcode = classFile[i] & 0xff;
            if (opcode >= INVOKEVIRTUAL && opcode <= INVOKEINTERFACE) {
                int number = ConstantPool.u2(classFile, i + 1);
                if (number < wanted.length && wanted[number]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int skipAttributes(byte[] classFile, int at) {
        int attributes = ConstantPool.u2(classFile, at);
        at += 2;
        for (int a = 0; a < attributes; a++) {
            at += 6 + u4(classFile, at + 2);
        }
        return at;
    }

    private static int u4(byte[] data, int at) {
        return (ConstantPool.u2(data, at) << 16) | ConstantPool.u2(data, at + 2);
    }
}
