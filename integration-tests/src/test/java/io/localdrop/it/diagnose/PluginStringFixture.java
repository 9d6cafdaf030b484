package io.localdrop.it.diagnose;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A plugin's anonymous ThreadLocal subclass holds a String on a pool thread, and the plugin is dropped: the map's
 * key is weak and the value is a JDK class, so nothing pins the plugin's loader (it is collected, which the
 * fixture shows). args[0]: the directory with the fixtures' class files.
 */
public final class PluginStringFixture {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        URL classes = Paths.get(args[0]).toUri().toURL();
        WeakReference<ClassLoader> gone;
        try (URLClassLoader plugin = new URLClassLoader("plugin", new URL[] {classes},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> holder = plugin.loadClass(PluginNameHolder.class.getName());
            pool.submit(() -> {
                holder.getMethod("store", String.class).invoke(null, "plugin-name");
                return null;
            }).get();
            gone = new WeakReference<>(plugin);
        }
        for (int i = 0; i < 20 && gone.get() != null; i++) {
            System.gc();
            pool.submit(() -> { }).get(); // a task boundary on the pool thread, after the plugin is gone
        }
        System.out.println("plugin loader collected: " + (gone.get() == null));
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
