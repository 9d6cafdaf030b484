package io.localdrop.agent.tasks;

/**
 * The cheap look before {@link WorkerLoops}' analysis: only a class of a loader other than the bootstrap loader,
 * not named as the JDK's, whose constant pool names the class {@code java/lang/Runnable} can make
 * the interface call {@code Runnable.run()} that a worker loop is. A class of its own, without ASM, so that the
 * agent's activation can ask the question for every loading class without loading the analysis.
 */
public final class WorkerCandidates {
    private static final byte[] RUNNABLE = ascii("java/lang/Runnable");

    private WorkerCandidates() {
    }

    /** Whether {@link WorkerLoops} may rewrite this class (false: it certainly does not). */
    public static boolean mayHaveWorkerLoop(ClassLoader loader, String className, byte[] classFile) {
        return loader != null && className != null && !isJdk(className) && namesRunnable(classFile);
    }

    static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/");
    }

    /** Whether the constant pool holds the class name {@code java/lang/Runnable}. */
    static boolean namesRunnable(byte[] classFile) {
        int count = ((classFile[8] & 0xff) << 8) | (classFile[9] & 0xff);
        int offset = 10;
        for (int index = 1; index < count; index++) {
            int tag = classFile[offset] & 0xff;
            switch (tag) {
                case 1: {
                    int length = ((classFile[offset + 1] & 0xff) << 8) | (classFile[offset + 2] & 0xff);
                    if (length == RUNNABLE.length && matches(classFile, offset + 3)) {
                        return true;
                    }
                    offset += 3 + length;
                    break;
                }
                case 7: case 8: case 16: case 19: case 20:
                    offset += 3;
                    break;
                case 15:
                    offset += 4;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    offset += 5;
                    break;
                case 5: case 6:
                    offset += 9;
                    index++;
                    break;
                default:
                    return true; // unknown tag: let ASM decide
            }
        }
        return false;
    }

    /** Without {@code StandardCharsets}, whose initialization loads six charsets into every JVM start. */
    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }

    private static boolean matches(byte[] classFile, int at) {
        for (int i = 0; i < RUNNABLE.length; i++) {
            if (classFile[at + i] != RUNNABLE[i]) {
                return false;
            }
        }
        return true;
    }
}
