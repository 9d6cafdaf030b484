package io.localdrop.agent.tasks;

import io.localdrop.agent.health.InternalErrors;
import org.objectweb.asm.ClassReader;

import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of {@code java.util.concurrent.Executor}, {@code java.lang.Thread} and {@code java.lang.Runnable} a class
 * is, decided without loading it: its supertypes are read from class files as resources (header only), JDK
 * supertypes are looked up in the bootstrap loader (JDK classes only, never an application class). Answers are
 * cached per class loader, the loader held weakly and compared by identity, bounded like the ThreadLocal hierarchy.
 */
final class WorkerTypes {
    static final byte EXECUTOR = 1;
    static final byte THREAD = 2;
    static final byte RUNNABLE = 4;
    private static final int MAX_PER_LOADER = 1 << 16;
    private static final int MAX_DEPTH = 32;

    /** JDK types by name: the same in every loader, looked up once (bounded like the per-loader caches). */
    private static final ConcurrentHashMap<String, Byte> JDK = new ConcurrentHashMap<>();

    private final List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
    private final List<ConcurrentHashMap<String, Byte>> caches = new ArrayList<>();

    /** The flags of a class from its already parsed header (the class being transformed). */
    byte of(ClassLoader loader, String superName, String[] interfaces) {
        ConcurrentHashMap<String, Byte> cache = cacheFor(loader);
        byte flags = superName == null ? 0 : resolve(loader, superName, cache, 0);
        for (String name : interfaces) {
            flags |= resolve(loader, name, cache, 0);
        }
        return flags;
    }

    /** The flags of a class named {@code internalName} as {@code loader} sees it; 0 when it cannot be read. */
    byte of(ClassLoader loader, String internalName) {
        return resolve(loader, internalName, cacheFor(loader), 0);
    }

    private byte resolve(ClassLoader loader, String name, ConcurrentHashMap<String, Byte> cache, int depth) {
        if (isJdk(name)) {
            Byte known = JDK.get(name);
            if (known == null) {
                known = jdkFlags(name);
                if (JDK.size() >= MAX_PER_LOADER) {
                    JDK.clear();
                }
                JDK.put(name, known);
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
        if (cache.size() >= MAX_PER_LOADER) {
            cache.clear();
        }
        cache.put(name, flags);
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

    private synchronized ConcurrentHashMap<String, Byte> cacheFor(ClassLoader loader) {
        for (int i = loaders.size() - 1; i >= 0; i--) {
            ClassLoader known = loaders.get(i).get();
            if (known == null && loader != null) {
                loaders.remove(i);
                caches.remove(i);
            } else if (known == loader) {
                return caches.get(i);
            }
        }
        ConcurrentHashMap<String, Byte> cache = new ConcurrentHashMap<>();
        loaders.add(new WeakReference<>(loader));
        caches.add(cache);
        return cache;
    }

    private static ClassReader read(ClassLoader loader, String internalName) {
        try {
            URL resource = loader == null ? ClassLoader.getSystemResource(internalName + ".class")
                    : loader.getResource(internalName + ".class");
            if (resource == null) {
                return null; // generated or hidden: counts as none of the three
            }
            try (InputStream in = resource.openStream()) {
                return new ClassReader(in.readAllBytes());
            }
        } catch (Throwable unreadable) {
            InternalErrors.record("tasks: reading a supertype's class file", unreadable);
            return null;
        }
    }
}
