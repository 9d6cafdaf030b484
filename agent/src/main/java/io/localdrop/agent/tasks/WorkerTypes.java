package io.localdrop.agent.tasks;

import io.localdrop.agent.classfile.ClassFileResource;
import io.localdrop.agent.classfile.LoaderCaches;
import io.localdrop.agent.health.InternalErrors;
import org.objectweb.asm.ClassReader;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of {@code java.util.concurrent.Executor}, {@code java.lang.Thread} and {@code java.lang.Runnable} a class
 * is, decided without loading it: its supertypes are read from class files as resources (header only), JDK
 * supertypes are looked up in the bootstrap loader (JDK classes only, never an application class). Answers are
 * cached per class loader ({@link LoaderCaches}, as the ThreadLocal hierarchy's are).
 */
final class WorkerTypes {
    static final byte EXECUTOR = 1;
    static final byte THREAD = 2;
    static final byte RUNNABLE = 4;
    private static final int MAX_DEPTH = 32;

    /** JDK types by name: the same in every loader, looked up once (bounded like each loader's cache). */
    private static final ConcurrentHashMap<String, Byte> JDK = new ConcurrentHashMap<>();

    private final LoaderCaches caches = new LoaderCaches();

    /** The flags of a class from its already parsed header (the class being transformed). */
    byte of(ClassLoader loader, String superName, String[] interfaces) {
        ConcurrentHashMap<String, Byte> cache = caches.of(loader);
        byte flags = superName == null ? 0 : resolve(loader, superName, cache, 0);
        for (String name : interfaces) {
            flags |= resolve(loader, name, cache, 0);
        }
        return flags;
    }

    /** The flags of a class named {@code internalName} as {@code loader} sees it; 0 when it cannot be read. */
    byte of(ClassLoader loader, String internalName) {
        return resolve(loader, internalName, caches.of(loader), 0);
    }

    private byte resolve(ClassLoader loader, String name, ConcurrentHashMap<String, Byte> cache, int depth) {
        if (isJdk(name)) {
            Byte known = JDK.get(name);
            if (known == null) {
                known = jdkFlags(name);
                LoaderCaches.put(JDK, name, known);
            }
            return known;
        }
        Byte known = cache.get(name);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH) {
            return 0;
        }
        byte flags = 0;
        ClassReader header = read(loader, name);
        if (header != null) {
            if (header.getSuperName() != null) {
                flags |= resolve(loader, header.getSuperName(), cache, depth + 1);
            }
            for (String implemented : header.getInterfaces()) {
                flags |= resolve(loader, implemented, cache, depth + 1);
            }
        }
        LoaderCaches.put(cache, name, flags);
        return flags;
    }

    static boolean isJdk(String internalName) {
        return WorkerCandidates.isJdk(internalName);
    }

    private static byte jdkFlags(String internalName) {
        switch (internalName) {
            case "java/lang/Object":
                return 0;
            case "java/lang/Runnable":
                return RUNNABLE;
            case "java/lang/Thread":
                return THREAD | RUNNABLE;
            case "java/util/concurrent/Executor":
                return EXECUTOR;
            default:
                break;
        }
        try {
            Class<?> type = Class.forName(internalName.replace('/', '.'), false, null);
            byte flags = 0;
            if (java.util.concurrent.Executor.class.isAssignableFrom(type)) {
                flags |= EXECUTOR;
            }
            if (Thread.class.isAssignableFrom(type)) {
                flags |= THREAD;
            }
            if (Runnable.class.isAssignableFrom(type)) {
                flags |= RUNNABLE;
            }
            return flags;
        } catch (ClassNotFoundException | LinkageError notBootstrap) {
            return 0; // a platform-loader JDK type (java.sql ...): none of the three
        }
    }

    private static ClassReader read(ClassLoader loader, String internalName) {
        try {
            byte[] bytes = ClassFileResource.read(loader, internalName);
            return bytes == null ? null : new ClassReader(bytes); // none: generated or hidden, none of the three
        } catch (Throwable unreadable) {
            InternalErrors.record("tasks: reading a supertype's class file", unreadable);
            return null;
        }
    }
}
