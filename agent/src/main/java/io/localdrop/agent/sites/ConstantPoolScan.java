package io.localdrop.agent.sites;

/**
 * A quick look at a class file's constant pool, before any ASM parsing: does the class possibly touch a
 * ThreadLocal? Most classes of a large class path do not, and they are returned untouched after this
 * scan alone (it reads only the pool's strings).
 *
 * <p>A class is a candidate when a string in its pool contains {@code ThreadLocal} (a type in a descriptor,
 * {@code new ThreadLocal}, {@code withInitial}, subclasses named after it), or when it names a method
 * {@code get}, {@code set} or {@code remove} together with ThreadLocal's descriptor for it (a call through
 * a subclass-typed reference).
 */
final class ConstantPoolScan {
    private ConstantPoolScan() {
    }

    static boolean mayUseThreadLocal(byte[] classFile) {
        try {
            int count = ((classFile[8] & 0xff) << 8) | (classFile[9] & 0xff);
            int offset = 10;
            boolean get = false;
            boolean set = false;
            boolean remove = false;
            boolean objectGetter = false;
            boolean objectSetter = false;
            boolean noArgVoid = false;
            for (int index = 1; index < count; index++) {
                int tag = classFile[offset] & 0xff;
                switch (tag) {
                    case 1: {
                        int length = ((classFile[offset + 1] & 0xff) << 8) | (classFile[offset + 2] & 0xff);
                        int start = offset + 3;
                        if (contains(classFile, start, length, THREAD_LOCAL)) {
                            return true;
                        }
                        if (equals(classFile, start, length, GET)) {
                            get = true;
                        } else if (equals(classFile, start, length, SET)) {
                            set = true;
                        } else if (equals(classFile, start, length, REMOVE)) {
                            remove = true;
                        } else if (equals(classFile, start, length, OBJECT_GETTER)) {
                            objectGetter = true;
                        } else if (equals(classFile, start, length, OBJECT_SETTER)) {
                            objectSetter = true;
                        } else if (equals(classFile, start, length, NO_ARG_VOID)) {
                            noArgVoid = true;
                        }
                        offset = start + length;
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
            return get && objectGetter || set && objectSetter || remove && noArgVoid;
        } catch (RuntimeException malformed) {
            return true;
        }
    }

    private static final byte[] THREAD_LOCAL = ascii("ThreadLocal");
    private static final byte[] GET = ascii("get");
    private static final byte[] SET = ascii("set");
    private static final byte[] REMOVE = ascii("remove");
    private static final byte[] OBJECT_GETTER = ascii("()Ljava/lang/Object;");
    private static final byte[] OBJECT_SETTER = ascii("(Ljava/lang/Object;)V");
    private static final byte[] NO_ARG_VOID = ascii("()V");

    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }

    private static boolean equals(byte[] data, int start, int length, byte[] wanted) {
        if (length != wanted.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (data[start + i] != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] data, int start, int length, byte[] wanted) {
        int last = start + length - wanted.length;
        outer:
        for (int i = start; i <= last; i++) {
            if (data[i] != wanted[0]) {
                continue;
            }
            for (int j = 1; j < wanted.length; j++) {
                if (data[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
