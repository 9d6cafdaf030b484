package io.localdrop.it.exit;

import io.localdrop.OwnedKey;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.Callable;

/**
 * Child-JVM main class for the split-brain case: the application has the runtime on its class path, and a
 * child-first class loader (as a web container gives each web application) loads a second copy of the
 * runtime together with {@link SplitBrainWorkload}. Arguments: the runtime's classes directory and the
 * fixtures' classes directory.
 */
public final class SplitBrainFixture {
    private SplitBrainFixture() {
    }

    public static void main(String[] args) throws Exception {
        URL[] urls = {new File(args[0]).toURI().toURL(), new File(args[1]).toURI().toURL()};
        try (ChildFirstLoader webApp = new ChildFirstLoader(urls, SplitBrainFixture.class.getClassLoader())) {
            Class<?> workload = webApp.loadClass(SplitBrainWorkload.class.getName());
            Class<?> theirOwnedKey = webApp.loadClass(OwnedKey.class.getName());
            System.out.println("separate runtime copy=" + (theirOwnedKey != OwnedKey.class)
                    + " workload loader is child-first=" + (workload.getClassLoader() == webApp));
            @SuppressWarnings("unchecked")
            Callable<String> run = (Callable<String>) workload.getConstructor().newInstance();
            System.out.println(run.call());
        }
    }

    /** Loads {@code io.localdrop.*} classes itself before asking its parent, like a web-application loader. */
    static final class ChildFirstLoader extends URLClassLoader {
        ChildFirstLoader(URL[] urls, ClassLoader parent) {
            super("child-first-webapp", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.localdrop.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notHere) {
                        loaded = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
