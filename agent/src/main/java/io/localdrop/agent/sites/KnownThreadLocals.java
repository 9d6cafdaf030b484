package io.localdrop.agent.sites;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names of the ThreadLocal subclasses loaded so far (any loader), noted from each class's header as it
 * passes the rewriter: a class whose superclass is ThreadLocal, InheritableThreadLocal or a name already
 * here. Only a hint that makes a call site's owner worth resolving through its class file (the resolver
 * still decides), so that owners which cannot be ThreadLocals cost no resource read. Bounded.
 */
final class KnownThreadLocals {
    static final int MAX_NAMES = 1 << 16;
    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

    private KnownThreadLocals() {
    }

    static void noteClass(String name, String superName) {
        if (superName != null && name != null && NAMES.size() < MAX_NAMES
                && (HierarchyResolver.isJdkThreadLocal(superName) || NAMES.contains(superName))) {
            NAMES.add(name);
        }
    }

    /** Whether any subclass was noted: until then, no class name needs to be made to look one up. */
    static boolean any() {
        return !NAMES.isEmpty();
    }

    static boolean contains(String name) {
        return NAMES.contains(name);
    }
}
