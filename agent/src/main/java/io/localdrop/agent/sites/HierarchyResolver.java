package io.localdrop.agent.sites;

import io.localdrop.agent.classfile.ClassFileResource;
import io.localdrop.agent.classfile.LoaderCaches;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether a class named in a call site is a ThreadLocal (or a subclass), without loading it:
 * the superclass chain is read from class files as resources ({@code loader.getResource(name.class)},
 * header only), so matching {@code MyTl.get()} costs no class loading and runs no static initializer.
 *
 * <p>Answers are cached per class loader ({@link LoaderCaches}: the loader referred to weakly, each cache bounded and
 * cleared rather than grown when full).
 */
final class HierarchyResolver {
    /** Not a ThreadLocal. */
    static final byte NO = 0;
    /** A ThreadLocal whose values come only from {@code set}. */
    static final byte PLAIN = 1;
    /** A ThreadLocal subclass that overrides {@code initialValue} somewhere below ThreadLocal. */
    static final byte WITH_INITIAL = 2;
    private static final String THREAD_LOCAL = "java/lang/ThreadLocal";
    private static final String INHERITABLE = "java/lang/InheritableThreadLocal";
    private static final int MAX_DEPTH = 32;

    private final LoaderCaches caches = new LoaderCaches();

    /** True for the two JDK ThreadLocal classes that application code names directly. */
    static boolean isJdkThreadLocal(String internalName) {
        return THREAD_LOCAL.equals(internalName) || INHERITABLE.equals(internalName);
    }

    /** {@link #NO}, {@link #PLAIN} or {@link #WITH_INITIAL} for class {@code internalName} as {@code loader} sees it. */
    byte kind(ClassLoader loader, String internalName) {
        if (isJdkThreadLocal(internalName)) {
            return PLAIN;
        }
        if (isJdk(internalName)) {
            return NO;
        }
        ConcurrentHashMap<String, Byte> cache = caches.of(loader);
        Byte known = cache.get(internalName);
        if (known != null) {
            return known;
        }
        byte answer = resolve(loader, internalName, cache, 0);
        return answer;
    }

    /** Seeds the cache with a class being transformed (it may have no resource, e.g. generated classes). */
    void seed(ClassLoader loader, String internalName, String superName, boolean declaresInitialValue) {
        if (superName == null) {
            return;
        }
        ConcurrentHashMap<String, Byte> cache = caches.of(loader);
        if (cache.containsKey(internalName)) {
            return;
        }
        // a superclass is loaded before its subclass: unless it is a known ThreadLocal subclass, it is not one
        byte parent = isJdkThreadLocal(superName) ? PLAIN
                : KnownThreadLocals.contains(superName) ? kind(loader, superName) : NO;
        LoaderCaches.put(cache, internalName, combine(parent, declaresInitialValue));
    }

    private byte resolve(ClassLoader loader, String internalName, ConcurrentHashMap<String, Byte> cache, int depth) {
        Byte known = cache.get(internalName);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH) {
            return NO;
        }
        Header header = read(loader, internalName);
        byte answer;
        if (header == null || header.superName == null) {
            answer = NO;
        } else if (isJdkThreadLocal(header.superName)) {
            answer = combine(PLAIN, header.declaresInitialValue);
        } else if (isJdk(header.superName)) {
            answer = NO;
        } else {
            answer = combine(resolve(loader, header.superName, cache, depth + 1), header.declaresInitialValue);
        }
        LoaderCaches.put(cache, internalName, answer);
        return answer;
    }

    private static byte combine(byte parent, boolean declaresInitialValue) {
        if (parent == NO) {
            return NO;
        }
        return declaresInitialValue ? WITH_INITIAL : parent;
    }

    /** JDK packages: the only ThreadLocal classes there that application code can name are checked above. */
    static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("jdk/") || internalName.startsWith("sun/")
                || internalName.startsWith("[");
    }

    private static Header read(ClassLoader loader, String internalName) {
        try {
            byte[] bytes = ClassFileResource.read(loader, internalName);
            if (bytes == null) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            Header header = new Header(reader.getSuperName());
            if (header.superName != null && !isJdk(header.superName) || isJdkThreadLocal(header.superName)) {
                reader.accept(new InitialValueFinder(header), ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG
                        | ClassReader.SKIP_FRAMES);
            }
            return header;
        } catch (Throwable unreadable) {
            // the class is then taken for no ThreadLocal; counted, as a broken class file or resource is not normal
            io.localdrop.agent.health.InternalErrors.record("site rewriter: read class file", unreadable);
            return null;
        }
    }

    /** What the resolver needs of a class file. */
    private static final class Header {
        final String superName;
        boolean declaresInitialValue;

        Header(String superName) {
            this.superName = superName;
        }
    }

    /** Notes a declared {@code initialValue()} (an override of ThreadLocal's). */
    private static final class InitialValueFinder extends ClassVisitor {
        private final Header header;

        InitialValueFinder(Header header) {
            super(Opcodes.ASM9);
            this.header = header;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            if ("initialValue".equals(name) && "()Ljava/lang/Object;".equals(descriptor)) {
                header.declaresInitialValue = true;
            }
            return null;
        }
    }
}
