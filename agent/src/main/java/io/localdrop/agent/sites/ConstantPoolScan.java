package io.localdrop.agent.sites;

/**
 * A quick look at a class file's constant pool, before any ASM parsing: does the class possibly touch a
 * ThreadLocal? Most classes of a large class path do not, and they are returned untouched after this
 * scan alone (it reads only the pool's strings).
 *
 * <p>A class is a candidate when its pool names {@code java/lang/ThreadLocal} or
 * {@code java/lang/InheritableThreadLocal} (as a class or inside a descriptor: {@code new ThreadLocal},
 * {@code withInitial}, a field of that type), a non-JDK class named like a ThreadLocal (a possible
 * {@code new} of a subclass), or a class-method reference {@code get()Object},
 * {@code set(Object)V} or {@code remove()V} on a non-JDK owner (a possible call through a subclass-typed
 * reference) that is plausibly a ThreadLocal ({@link #plausibleOwner}). Interface calls and JDK owners other than the two ThreadLocal classes cannot be ThreadLocal
 * sites.
 */
final class ConstantPoolScan {
    private ConstantPoolScan() {
    }

    static boolean mayUseThreadLocal(byte[] classFile) {
        return mayUseThreadLocal(classFile, null);
    }

    /**
     * @param names when not null, receives {this class, super class} (internal names) for
     *              {@link KnownThreadLocals}
     */
    static boolean mayUseThreadLocal(byte[] classFile, String[] names) {
        try {
            int count = ((classFile[8] & 0xff) << 8) | (classFile[9] & 0xff);
            int[] offsets = new int[count];
            int offset = 10;
            boolean named = false;
            for (int index = 1; index < count; index++) {
                int tag = classFile[offset] & 0xff;
                offsets[index] = offset;
                switch (tag) {
                    case 1: {
                        int length = u2(classFile, offset + 1);
                        if (!named && namesJdkThreadLocal(classFile, offset + 3, length)) {
                            named = true; // a ThreadLocal type in a class constant or a descriptor
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
            int thisClass = offsets[u2(classFile, offsets[u2(classFile, offset + 2)] + 1)];
            int superIndex = u2(classFile, offset + 4);
            if (names != null && superIndex != 0) {
                // names only for a ThreadLocal subclass (KnownThreadLocals): most classes make no String here
                int superName = offsets[u2(classFile, offsets[superIndex] + 1)];
                int superLength = u2(classFile, superName + 1);
                if (equals(classFile, superName + 3, superLength, JDK_THREAD_LOCAL)
                        || equals(classFile, superName + 3, superLength, JDK_INHERITABLE)
                        || KnownThreadLocals.any() && KnownThreadLocals.contains(utf8(classFile, superName))) {
                    names[0] = utf8(classFile, thisClass);
                    names[1] = utf8(classFile, superName);
                }
            }
            if (named) {
                return true;
            }
            String thisName = null;
            String outerPrefix = null;
            for (int index = 1; index < count; index++) {
                if (offsets[index] == 0 || classFile[offsets[index]] != 10) {
                    continue;
                }
                int nameAndType = offsets[u2(classFile, offsets[index] + 3)];
                int name = offsets[u2(classFile, nameAndType + 1)];
                int nameLength = u2(classFile, name + 1);
                if (nameLength != 3 && nameLength != 6) {
                    continue; // only get, set, remove and <init> can matter: most references end at this compare
                }
                int owner = offsets[u2(classFile, offsets[u2(classFile, offsets[index] + 1)] + 1)];
                int ownerLength = u2(classFile, owner + 1);
                if (isJdk(classFile, owner + 3, ownerLength)) {
                    continue;
                }
                if (equals(classFile, name + 3, u2(classFile, name + 1), INIT)) {
                    // new X() of a subclass named like one (Spring's NamedThreadLocal, TenantLocal, ...)
                    if (namedLikeThreadLocal(classFile, owner + 3, ownerLength)) {
                        return true;
                    }
                } else if (isAccessShape(classFile, offsets, offsets[index])) {
                    if (thisName == null) {
                        thisName = utf8(classFile, thisClass);
                        int dollar = thisName.indexOf('$');
                        outerPrefix = (dollar < 0 ? thisName : thisName.substring(0, dollar)) + "$";
                    }
                    if (plausibleOwner(utf8(classFile, owner), thisName, outerPrefix)) {
                        // a class-typed call of get()/set(Object)/remove() on an owner that may be a subclass
                        return true;
                    }
                }
            }
            return false;
        } catch (RuntimeException malformed) {
            // silent on purpose: an unusual constant pool only means "let ASM look"; ASM's failure, if any, is
            // recorded by SiteRewriter
            return true;
        }
    }

    /**
     * Whether a call site's owner may be a ThreadLocal subclass: named like one ({@link #namedLikeThreadLocal}), an
     * anonymous class nested in the calling class, the calling class itself, or a subclass loaded already
     * (superclasses load before their subclasses, so a loaded owner is known exactly). Anything else is
     * taken not to be one, without reading its class file: reading class files as resources was most of
     * the rewriter's cost on large class paths.
     */
    static boolean plausibleOwner(String owner, String thisName, String outerPrefix) {
        return namedLikeThreadLocal(owner) || isAnonymousIn(owner, outerPrefix)
                || owner.equals(thisName) || KnownThreadLocals.contains(owner);
    }

    /** A simple name containing {@code ThreadLocal} or ending in {@code Local} ({@code NamedThreadLocal}, {@code TenantLocal}). */
    static boolean namedLikeThreadLocal(String internalName) {
        int start = Math.max(internalName.lastIndexOf('/'), internalName.lastIndexOf('$')) + 1;
        return internalName.indexOf("ThreadLocal", start) >= 0 || internalName.endsWith("Local");
    }

    /** {@link #namedLikeThreadLocal(String)} on the bytes of a constant-pool string, without making a String. */
    private static boolean namedLikeThreadLocal(byte[] data, int start, int length) {
        int simple = start;
        for (int i = start; i < start + length; i++) {
            if (data[i] == '/' || data[i] == '$') {
                simple = i + 1;
            }
        }
        return contains(data, simple, start + length - simple, THREAD_LOCAL)
                || length >= LOCAL.length && equals(data, start + length - LOCAL.length, LOCAL.length, LOCAL);
    }

    /** {@code Outer$1}, {@code Outer$Inner$2}: an anonymous class nested in the class being rewritten. */
    static boolean isAnonymousIn(String owner, String outerPrefix) {
        if (!owner.startsWith(outerPrefix)) {
            return false;
        }
        int last = owner.lastIndexOf('$');
        if (last == owner.length() - 1) {
            return false;
        }
        for (int i = last + 1; i < owner.length(); i++) {
            if (owner.charAt(i) < '0' || owner.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the string holds {@code java/lang/ThreadLocal} or {@code java/lang/InheritableThreadLocal}. This runs on
     * every string of every class loaded, so it looks for {@code ThreadLocal} alone, in one Boyer-Moore-Horspool pass
     * (comparing the byte under the pattern's last letter and skipping up to 11 bytes at a time), then at what precedes
     * a match: most strings are passed over in a fraction of their length.
     */
    private static boolean namesJdkThreadLocal(byte[] data, int start, int length) {
        int m = THREAD_LOCAL.length;
        int end = start + length;
        // a match needs at least "java/lang/" before it
        for (int i = start + JAVA_LANG.length + m - 1; i < end; i += SKIP[data[i] & 0xff]) {
            if (data[i] == 'l' && equals(data, i - m + 1, m, THREAD_LOCAL)
                    && (precededBy(data, start, i - m + 1, JAVA_LANG)
                    || precededBy(data, start, i - m + 1, JAVA_LANG_INHERITABLE))) {
                return true;
            }
        }
        return false;
    }

    private static boolean precededBy(byte[] data, int start, int at, byte[] prefix) {
        return at - start >= prefix.length && equals(data, at - prefix.length, prefix.length, prefix);
    }

    private static String utf8(byte[] data, int at) {
        int length = u2(data, at + 1);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) (data[at + 3 + i] & 0xff); // class names are ASCII in practice; others just never match
        }
        return new String(chars);
    }

    /** Whether the Methodref at {@code methodRef} is get()Object, set(Object)V or remove()V. */
    private static boolean isAccessShape(byte[] data, int[] offsets, int methodRef) {
        int nameAndType = offsets[u2(data, methodRef + 3)];
        int name = offsets[u2(data, nameAndType + 1)];
        int descriptor = offsets[u2(data, nameAndType + 3)];
        int nameLength = u2(data, name + 1);
        int descriptorLength = u2(data, descriptor + 1);
        return equals(data, name + 3, nameLength, GET) && equals(data, descriptor + 3, descriptorLength, OBJECT_GETTER)
                || equals(data, name + 3, nameLength, SET) && equals(data, descriptor + 3, descriptorLength, OBJECT_SETTER)
                || equals(data, name + 3, nameLength, REMOVE) && equals(data, descriptor + 3, descriptorLength, NO_ARG_VOID);
    }

    private static boolean isJdk(byte[] data, int start, int length) {
        return startsWith(data, start, length, JAVA) || startsWith(data, start, length, JDK)
                || startsWith(data, start, length, SUN) || length > 0 && data[start] == '[';
    }

    private static boolean startsWith(byte[] data, int start, int length, byte[] prefix) {
        return length >= prefix.length && equals(data, start, prefix.length, prefix);
    }

    private static int u2(byte[] data, int at) {
        return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
    }

    private static final byte[] JDK_THREAD_LOCAL = ascii("java/lang/ThreadLocal");
    private static final byte[] JDK_INHERITABLE = ascii("java/lang/InheritableThreadLocal");
    private static final byte[] JAVA_LANG = ascii("java/lang/");
    private static final byte[] JAVA_LANG_INHERITABLE = ascii("java/lang/Inheritable");
    /** Horspool's shift for {@code ThreadLocal}, by the byte under its last letter. */
    private static final byte[] SKIP = skips("ThreadLocal");
    private static final byte[] JAVA = ascii("java/");
    private static final byte[] JDK = ascii("jdk/");
    private static final byte[] SUN = ascii("sun/");
    private static final byte[] INIT = ascii("<init>");
    private static final byte[] THREAD_LOCAL = ascii("ThreadLocal");
    private static final byte[] LOCAL = ascii("Local");
    private static final byte[] GET = ascii("get");
    private static final byte[] SET = ascii("set");
    private static final byte[] REMOVE = ascii("remove");
    private static final byte[] OBJECT_GETTER = ascii("()Ljava/lang/Object;");
    private static final byte[] OBJECT_SETTER = ascii("(Ljava/lang/Object;)V");
    private static final byte[] NO_ARG_VOID = ascii("()V");

    private static byte[] skips(String pattern) {
        byte[] skip = new byte[256];
        java.util.Arrays.fill(skip, (byte) pattern.length());
        for (int i = 0; i < pattern.length() - 1; i++) {
            skip[pattern.charAt(i)] = (byte) (pattern.length() - 1 - i);
        }
        return skip;
    }

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
