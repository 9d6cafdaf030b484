package io.localdrop.agent.findings;

/**
 * The per-site tables of the hooks that rewritten code calls ({@code sites.SiteHooks}, a higher package), as the
 * registry and the detectors down here need them: grown when a site is registered, and told when a ThreadLocal's
 * stores are to be watched. A listener the hooks connect when they are first used, so that this package names
 * no higher one.
 */
public final class SiteHookTables {
    /** What the hooks do with their tables. */
    public interface Listener {
        /** Makes room for site ids below {@code count}, before code with such an id can run. */
        void sitesRegistered(int count);

        /** Sends every later store into {@code info} through the hooks' slower, recording path. */
        void watchStores(TlInfo info);
    }

    private static volatile Listener listener;

    private SiteHookTables() {
    }

    /**
     * Connects the hooks and grows their tables to every site registered so far. Under the registry's lock, so
     * that no registration falls between the two.
     */
    public static void connect(Listener hooks) {
        synchronized (SiteRegistry.class) {
            listener = hooks;
            hooks.sitesRegistered(SiteRegistry.size());
        }
    }

    /** Called by {@link SiteRegistry#register} under its lock. */
    static void sitesRegistered(int count) {
        Listener hooks = listener;
        if (hooks != null) {
            hooks.sitesRegistered(count);
        }
    }

    /**
     * Has the stores into {@code info} watched. Before the hooks are connected no store has passed through them,
     * so they hold no fast-path entry for it: marking the ThreadLocal shared is all there is to do.
     */
    static void watchStores(TlInfo info) {
        Listener hooks = listener;
        if (hooks != null) {
            hooks.watchStores(info);
        } else {
            info.shared = true;
        }
    }
}
