package io.localdrop.it.diagnose;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A "plugin" loaded by its own class loader (parent: the platform loader, as an undeployed web
 * application's would be) puts one of its objects into a ThreadLocal on a pooled thread and is then
 * dropped: the pool thread keeps the plugin's loader alive, through the ThreadLocal's value and through an entry
 * of a per-thread map.
 *
 * <p>args[0]: the directory with the fixtures' class files.
 */
public final class PluginFixture {
    static final ThreadLocal<Object> PLUGIN_STATE = new ThreadLocal<>(); // plugin-created
    /** A per-thread memo cache that keeps the plugin's object too, as an entry of a JDK map. */
    static final ThreadLocal<Map<String, Object>> PLUGIN_CACHE = ThreadLocal.withInitial(HashMap::new);

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        URL classes = Paths.get(args[0]).toUri().toURL();
        try (URLClassLoader plugin = new URLClassLoader("plugin", new URL[] {classes},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = plugin.loadClass(PluginValue.class.getName());
            System.out.println("plugin class from its own loader: " + (type.getClassLoader() == plugin));
            Object value = type.getConstructor().newInstance();
            pool.submit(() -> PLUGIN_STATE.set(value)).get(); // plugin-set
            pool.submit(() -> PLUGIN_CACHE.get().put("state", value)).get(); // plugin-cached
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
