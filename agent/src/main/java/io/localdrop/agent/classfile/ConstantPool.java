package io.localdrop.agent.classfile;

/**
 * The constant pool of a class file, read in place. Offsets are those of an entry's tag byte in the class file; a
 * Utf8 entry's text starts three bytes after its tag ({@link #utf8Start}) and is {@link #utf8Length} bytes long.
 * Every method assumes a well-formed pool and throws a {@link RuntimeException} (an index out of bounds) on bytes
 * that are not: callers treat that as "let ASM decide".
 */
public final class ConstantPool {
    /** The offset of the first entry: after magic, minor and major version, and the pool's count. */
    public static final int FIRST_ENTRY = 10;

    public static final int UTF8 = 1;
    public static final int METHOD_REF = 10;
    public static final int INTERFACE_METHOD_REF = 11;

    private ConstantPool() {
    }

    /** The pool's count: entries are numbered 1 to count - 1 (a long or a double takes two numbers). */
    public static int count(byte[] classFile) {
        return u2(classFile, 8);
    }

    /** How many pool numbers the entry at {@code offset} takes: 2 for a long or a double, else 1. */
    public static int slots(byte[] classFile, int offset) {
        int tag = classFile[offset];
        return tag == 5 || tag == 6 ? 2 : 1;
    }

    /** The size in bytes of the entry at {@code offset}, or -1 for a tag this code does not know. */
    public static int entrySize(byte[] classFile, int offset) {
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

    /**
     * The offset of every entry by its number (0 where a number has no entry of its own: 0 itself and the second
     * slot of a long or double), filled into {@code offsets} (at least {@link #count} long); returns the offset
     * just after the pool (the class's access flags), or -1 for an unknown tag.
     */
    public static int index(byte[] classFile, int[] offsets) {
        int count = count(classFile);
        int offset = FIRST_ENTRY;
        int number = 1;
        while (number < count) {
            int size = entrySize(classFile, offset);
            if (size < 0) {
                return -1;
            }
            offsets[number] = offset;
            number += slots(classFile, offset);
            offset += size;
        }
        return offset;
    }

    /**
     * The offset of the entry that the entry at {@code offset} names first: a Class's or a NameAndType's name (a Utf8),
     * a member reference's class (a Class).
     */
    public static int firstReference(byte[] classFile, int[] offsets, int offset) {
        return offsets[u2(classFile, offset + 1)];
    }

    /** The offset of the entry that the entry at {@code offset} names second: a member reference's NameAndType, a NameAndType's descriptor. */
    public static int secondReference(byte[] classFile, int[] offsets, int offset) {
        return offsets[u2(classFile, offset + 3)];
    }

    public static int utf8Start(int utf8Offset) {
        return utf8Offset + 3;
    }

    public static int utf8Length(byte[] classFile, int utf8Offset) {
        return u2(classFile, utf8Offset + 1);
    }

    /** Whether the Utf8 entry at {@code utf8Offset} holds exactly {@code wanted} (ASCII bytes). */
    public static boolean utf8Equals(byte[] classFile, int utf8Offset, byte[] wanted) {
        return equals(classFile, utf8Start(utf8Offset), utf8Length(classFile, utf8Offset), wanted);
    }

    /** Whether the Utf8 entry at {@code utf8Offset} starts with {@code prefix}. */
    public static boolean utf8StartsWith(byte[] classFile, int utf8Offset, byte[] prefix) {
        return utf8Length(classFile, utf8Offset) >= prefix.length && equals(classFile, utf8Start(utf8Offset), prefix.length, prefix);
    }

    /** The Utf8 entry as a String; class names are ASCII in practice, and other text never matches what is sought. */
    public static String utf8(byte[] classFile, int utf8Offset) {
        int length = utf8Length(classFile, utf8Offset);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) (classFile[utf8Start(utf8Offset) + i] & 0xff);
        }
        return new String(chars);
    }

    public static int u2(byte[] data, int at) {
        return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
    }

    /** Whether {@code length} bytes from {@code start} are exactly {@code wanted}. */
    public static boolean equals(byte[] data, int start, int length, byte[] wanted) {
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

    /** The bytes of ASCII text, without {@code StandardCharsets}, whose initialization loads six charsets into every JVM start. */
    public static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }
}
