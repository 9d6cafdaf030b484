package io.localdrop.agent.sites;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Which classes get their access sites rewritten: application classes only.
 *
 * <ul>
 *   <li>never JDK classes (bootstrap and platform loaders), never the agent's and the runtime's own
 *       ({@code io.localdrop.agent.*}, {@code io.localdrop.internal.*}, {@code io.localdrop.*} itself);</li>
 *   <li>only classes whose loader delegates to the system class loader, where the agent's hook class
 *       lives: a rewritten class in a loader that cannot see {@code SiteHooks} would fail with
 *       NoClassDefFoundError, so such loaders (e.g. a plugin loader whose parent is the platform loader)
 *       are left alone;</li>
 *   <li>option {@code include} (prefixes; empty means all) and {@code exclude} (prefixes).</li>
 * </ul>
 */
public final class ClassFilter {
    private final String[] include;
    private final String[] exclude;
    private final ClassLoader system = ClassLoader.getSystemClassLoader();
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final List<WeakReference<ClassLoader>> seeing = new ArrayList<>();
    private final List<WeakReference<ClassLoader>> blind = new ArrayList<>();

    public ClassFilter(List<String> includePrefixes, List<String> excludePrefixes) {
        include = internal(includePrefixes);
        exclude = internal(excludePrefixes);
    }

    private static String[] internal(List<String> prefixes) {
        String[] result = new String[prefixes.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = prefixes.get(i).replace('.', '/');
        }
        return result;
    }

    boolean rewrites(ClassLoader loader, String className) {
        if (className == null || loader == null || loader == platform) {
            return false;
        }
        if (className.startsWith("io/localdrop/")) {
            String rest = className.substring("io/localdrop/".length());
            if (rest.indexOf('/') < 0 || rest.startsWith("agent/") || rest.startsWith("internal/")) {
                return false;
            }
        }
        if (className.startsWith("java/") || className.startsWith("jdk/") || className.startsWith("sun/")) {
            return false;
        }
        for (String prefix : exclude) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        if (include.length > 0) {
            boolean included = false;
            for (String prefix : include) {
                if (className.startsWith(prefix)) {
                    included = true;
                    break;
                }
            }
            if (!included) {
                return false;
            }
        }
        return seesHooks(loader);
    }

    private synchronized boolean seesHooks(ClassLoader loader) {
        if (loader == system) {
            return true;
        }
        if (contains(seeing, loader)) {
            return true;
        }
        if (contains(blind, loader)) {
            return false;
        }
        boolean sees = false;
        for (ClassLoader ancestor = loader.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            if (ancestor == system) {
                sees = true;
                break;
            }
        }
        (sees ? seeing : blind).add(new WeakReference<>(loader));
        return sees;
    }

    private static boolean contains(List<WeakReference<ClassLoader>> loaders, ClassLoader loader) {
        for (int i = loaders.size() - 1; i >= 0; i--) {
            ClassLoader known = loaders.get(i).get();
            if (known == null) {
                loaders.remove(i);
            } else if (known == loader) {
                return true;
            }
        }
        return false;
    }
}
