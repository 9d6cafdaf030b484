package io.localdrop.agent.findings;

/** How the report names class loaders, and the class-loader ancestry test of CLASSLOADER_PIN. */
public final class LoaderNames {
    private LoaderNames() {
    }

    /** {@code ClassLoader.getName()}, else the loader's class name, else {@code bootstrap} (docs/report-format.md, {@code valueClassLoader}). */
    public static String name(ClassLoader loader) {
        if (loader == null) {
            return "bootstrap";
        }
        String name = loader.getName(); // final in ClassLoader: no application code runs
        return name != null ? name : loader.getClass().getName();
    }

    /**
     * Whether a class from {@code loader} keeps no foreign loader alive on a thread whose context loader is
     * {@code context}: the bootstrap loader, the context loader itself, or one of its ancestors. A null
     * context loader is judged against the system class loader.
     */
    public static boolean isContextOrAncestor(ClassLoader loader, ClassLoader context) {
        if (loader == null) {
            return true;
        }
        ClassLoader reference = context != null ? context : ClassLoader.getSystemClassLoader();
        for (int depth = 0; reference != null && depth < 64; depth++, reference = reference.getParent()) {
            if (reference == loader) {
                return true;
            }
        }
        return loader == ClassLoader.getPlatformClassLoader();
    }
}
