package io.localdrop.agent.sites;

import io.localdrop.agent.classfile.ConstantPool;
import io.localdrop.agent.classfile.PoolWalk;

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
            PoolWalk walk = PoolWalk.of(classFile);
            if (!walk.walked()) {
                return true; // let ASM decide
            }
            int[] offsets = walk.offsets();
            int afterPool = offsets[0];
            int thisClass = ConstantPool.firstReference(classFile, offsets, offsets[ConstantPool.u2(classFile, afterPool + 2)]);
            int superIndex = ConstantPool.u2(classFile, afterPool + 4);
            int superName = superIndex == 0 ? 0 : ConstantPool.firstReference(classFile, offsets, offsets[superIndex]);
            if (names != null && superIndex != 0) {
                nameIfThreadLocalSubclass(classFile, thisClass, superName, names);
            }
            if (walk.holds(PoolWalk.JDK_THREAD_LOCAL)) {
                return true; // a ThreadLocal type in a class constant or a descriptor
            }
            boolean likeNames = walk.holds(PoolWalk.LIKE_THREAD_LOCAL);
            if (!likeNames && !mayHoldAccessShape(walk)) {
                return false; // no name like a ThreadLocal's, no get/set/remove of the access shape: most classes end here
            }
            // A class whose superclass is of the java.* API and not ThreadLocal (then the pool would name it) is no
            // ThreadLocal: java.* has no other ThreadLocal subclass that a class outside it can extend. Its calls of
            // its own get() (a Supplier, a Reference, an AtomicReference subclass) are then no sites.
            boolean selfMayBeThreadLocal = superIndex != 0 && !ConstantPool.utf8StartsWith(classFile, superName, JAVA);
            return callsPossibleThreadLocal(classFile, offsets, offsets.length, thisClass, selfMayBeThreadLocal, likeNames);
        } catch (RuntimeException malformed) {
            // silent on purpose: an unusual constant pool only means "let ASM look"; ASM's failure, if any, is
            // recorded by SiteRewriter
            return true;
        }
    }

    /*
     * The scan is cut into small methods on purpose: it runs for every class loaded, so the JIT compiles it early and
     * often (an uncommon branch taken later recompiles it). As one method, with the rare string work inlined into it,
     * each C2 compilation of it took 60-210 ms (six of them, 0.76 s of CPU, in the start-up of the Spring Boot
     * application of the real-stack tests); the loops alone compile in a fraction of that.
     */

    /** Whether the pool holds a name and its descriptor of one of the access shapes ({@link #isAccessShape}). */
    private static boolean mayHoldAccessShape(PoolWalk walk) {
        return walk.holds(PoolWalk.GET | PoolWalk.OBJECT_GETTER) || walk.holds(PoolWalk.SET | PoolWalk.OBJECT_SETTER)
                || walk.holds(PoolWalk.REMOVE | PoolWalk.NO_ARGS_VOID);
    }

    /** Names the class and its superclass into {@code names} when the superclass is a ThreadLocal, for KnownThreadLocals. */
    private static void nameIfThreadLocalSubclass(byte[] classFile, int thisClass, int superName, String[] names) {
        if (ConstantPool.utf8Equals(classFile, superName, JDK_THREAD_LOCAL)
                || ConstantPool.utf8Equals(classFile, superName, JDK_INHERITABLE)
                || KnownThreadLocals.any() && KnownThreadLocals.contains(ConstantPool.utf8(classFile, superName))) {
            // names only for a ThreadLocal subclass (KnownThreadLocals): most classes make no String here
            names[0] = ConstantPool.utf8(classFile, thisClass);
            names[1] = ConstantPool.utf8(classFile, superName);
        }
    }

    /**
     * Whether a class-method reference may be a site: a constructor of a class named like a ThreadLocal, or a
     * get()/set()/remove() of the access shape on a non-JDK owner that may be a ThreadLocal subclass.
     */
    private static boolean callsPossibleThreadLocal(byte[] classFile, int[] offsets, int count, int thisClass,
                                                    boolean selfMayBeThreadLocal, boolean likeNames) {
        for (int index = 1; index < count; index++) {
            if (offsets[index] == 0 || classFile[offsets[index]] != ConstantPool.METHOD_REF) {
                continue;
            }
            int nameAndType = ConstantPool.secondReference(classFile, offsets, offsets[index]);
            int name = ConstantPool.firstReference(classFile, offsets, nameAndType);
            int nameLength = ConstantPool.utf8Length(classFile, name);
            if (nameLength != 3 && nameLength != 6) {
                continue; // only get, set, remove and <init> can matter: most references end at this compare
            }
            int owner = ConstantPool.firstReference(classFile, offsets, ConstantPool.firstReference(classFile, offsets, offsets[index]));
            if (isJdk(classFile, owner)) {
                continue;
            }
            if (ConstantPool.utf8Equals(classFile, name, INIT)) {
                // new X() of a subclass named like one (Spring's NamedThreadLocal, TenantLocal, ...)
                if (likeNames && namedLikeThreadLocal(classFile, ConstantPool.utf8Start(owner), ConstantPool.utf8Length(classFile, owner))) {
                    return true;
                }
            } else if (isAccessShape(classFile, offsets, offsets[index])
                    && (selfMayBeThreadLocal || !sameText(classFile, owner, thisClass))
                    && plausibleOwner(classFile, owner, thisClass)) {
                return true; // a class-typed call of get()/set(Object)/remove() on an owner that may be a subclass
            }
        }
        return false;
    }

    /** {@link #plausibleOwner(String, String, String)} for Utf8 entries: the rare part of the scan that makes Strings. */
    private static boolean plausibleOwner(byte[] classFile, int owner, int thisClass) {
        String thisName = ConstantPool.utf8(classFile, thisClass);
        return plausibleOwner(ConstantPool.utf8(classFile, owner), thisName, outerPrefix(thisName));
    }

    /** Whether two Utf8 entries hold the same text (javac writes each text once, so usually the same entry). */
    private static boolean sameText(byte[] classFile, int utf8, int otherUtf8) {
        if (utf8 == otherUtf8) {
            return true;
        }
        int length = ConstantPool.utf8Length(classFile, utf8);
        if (length != ConstantPool.utf8Length(classFile, otherUtf8)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (classFile[ConstantPool.utf8Start(utf8) + i] != classFile[ConstantPool.utf8Start(otherUtf8) + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a call site's owner may be a ThreadLocal, as the rewriter decides before reading any class file: one of
     * the JDK's two, or a class outside the JDK that {@link #plausibleOwner} accepts. The one definition shared by the
     * rewriter ({@link ClassRewriteContext}) and its choice of methods ({@link SiteMethods}).
     */
    static boolean mayBeThreadLocalOwner(String owner, String thisName, String outerPrefix) {
        return HierarchyResolver.isJdkThreadLocal(owner)
                || !HierarchyResolver.isJdk(owner) && plausibleOwner(owner, thisName, outerPrefix);
    }

    /** {@code Outer$} for {@code Outer}, {@code Outer$Inner} and {@code Outer$1}: what {@link #isAnonymousIn} takes. */
    static String outerPrefix(String internalName) {
        int dollar = internalName.indexOf('$');
        return (dollar < 0 ? internalName : internalName.substring(0, dollar)) + "$";
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
                || length >= LOCAL.length && ConstantPool.equals(data, start + length - LOCAL.length, LOCAL.length, LOCAL);
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

    /** Whether the Methodref at {@code methodRef} is get()Object, set(Object)V or remove()V. */
    private static boolean isAccessShape(byte[] data, int[] offsets, int methodRef) {
        int nameAndType = ConstantPool.secondReference(data, offsets, methodRef);
        int name = ConstantPool.firstReference(data, offsets, nameAndType);
        int descriptor = ConstantPool.secondReference(data, offsets, nameAndType);
        return ConstantPool.utf8Equals(data, name, GET) && ConstantPool.utf8Equals(data, descriptor, OBJECT_GETTER)
                || ConstantPool.utf8Equals(data, name, SET) && ConstantPool.utf8Equals(data, descriptor, OBJECT_SETTER)
                || ConstantPool.utf8Equals(data, name, REMOVE) && ConstantPool.utf8Equals(data, descriptor, NO_ARG_VOID);
    }

    /** Whether the Utf8 entry at {@code utf8} names a JDK class or an array type (whose methods are Object's). */
    private static boolean isJdk(byte[] data, int utf8) {
        return ConstantPool.utf8StartsWith(data, utf8, JAVA) || ConstantPool.utf8StartsWith(data, utf8, JDK)
                || ConstantPool.utf8StartsWith(data, utf8, SUN)
                || ConstantPool.utf8Length(data, utf8) > 0 && data[ConstantPool.utf8Start(utf8)] == '[';
    }

    private static final byte[] JDK_THREAD_LOCAL = ConstantPool.ascii("java/lang/ThreadLocal");
    private static final byte[] JDK_INHERITABLE = ConstantPool.ascii("java/lang/InheritableThreadLocal");
    private static final byte[] JAVA = ConstantPool.ascii("java/");
    private static final byte[] JDK = ConstantPool.ascii("jdk/");
    private static final byte[] SUN = ConstantPool.ascii("sun/");
    private static final byte[] INIT = ConstantPool.ascii("<init>");
    private static final byte[] THREAD_LOCAL = ConstantPool.ascii("ThreadLocal");
    private static final byte[] LOCAL = ConstantPool.ascii("Local");
    private static final byte[] GET = ConstantPool.ascii("get");
    private static final byte[] SET = ConstantPool.ascii("set");
    private static final byte[] REMOVE = ConstantPool.ascii("remove");
    private static final byte[] OBJECT_GETTER = ConstantPool.ascii("()Ljava/lang/Object;");
    private static final byte[] OBJECT_SETTER = ConstantPool.ascii("(Ljava/lang/Object;)V");
    private static final byte[] NO_ARG_VOID = ConstantPool.ascii("()V");

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
