package io.localdrop.it.diagnose;

/**
 * Loaded by a plugin's own class loader in {@link PluginStringFixture}: an anonymous ThreadLocal subclass (a class
 * of the plugin) that holds a String (a class of the JDK).
 */
public final class PluginNameHolder {
    static final ThreadLocal<String> NAME = new ThreadLocal<String>() {
    };

    public static void store(String name) {
        NAME.set(name);
    }
}
