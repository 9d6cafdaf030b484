package io.localdrop.agent.tasks;

/**
 * The cheap look before {@link WorkerLoops}' analysis: only a class of a loader other than the bootstrap loader,
 * not named as the JDK's, whose constant pool holds the interface-method reference {@code java/lang/Runnable.run()V} can
 * make the interface call {@code Runnable.run()} that a worker loop is. A class of its own, without ASM, so that the
 * agent's activation can ask the question for every loading class without loading the analysis.
 */
public final class WorkerCandidates {
    private static final byte[] RUNNABLE = ascii("java/lang/Runnable");
    private static final byte[] RUN = ascii("run");
    private static final byte[] VOID_NO_ARGS = ascii("()V");

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

    /** Without {@code StandardCharsets}, whose initialization loads six charsets into every JVM start. */
    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }
}
