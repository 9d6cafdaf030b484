package io.localdrop.agent.sites;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/** Which classes are rewritten: application classes only, narrowed by include/exclude. */
class ClassFilterTest {
    private final ClassLoader app = ClassLoader.getSystemClassLoader();

    @Test
    void applicationClassesAreRewrittenJdkAgentAndRuntimeClassesNot() {
        ClassFilter filter = new ClassFilter(List.of(), List.of());
        assertTrue(filter.rewrites(app, "com/acme/Ctx"));
        assertTrue(filter.rewrites(app, "io/localdrop/examples/LeakyPool"));
        assertFalse(filter.rewrites(null, "com/acme/Ctx"), "bootstrap");
        assertFalse(filter.rewrites(ClassLoader.getPlatformClassLoader(), "com/acme/Ctx"), "platform");
        assertFalse(filter.rewrites(app, "java/lang/Foo"));
        assertFalse(filter.rewrites(app, "io/localdrop/agent/sites/SiteHooks"));
        assertFalse(filter.rewrites(app, "io/localdrop/internal/KeyCell"));
        assertFalse(filter.rewrites(app, "io/localdrop/OwnedKey"));
        assertFalse(filter.rewrites(app, null), "hidden classes have no name");
    }

    @Test
    void includeAndExcludeArePrefixes() {
        ClassFilter filter = new ClassFilter(List.of("com.acme.", "org.example.Only"), List.of("com.acme.generated."));
        assertTrue(filter.rewrites(app, "com/acme/Ctx"));
        assertTrue(filter.rewrites(app, "org/example/OnlyThis"));
        assertFalse(filter.rewrites(app, "org/example/Other"));
        assertFalse(filter.rewrites(app, "com/acme/generated/Proxy"));
    }

    @Test
    void loadersThatCannotSeeTheHooksAreLeftAlone() throws Exception {
        ClassFilter filter = new ClassFilter(List.of(), List.of());
        try (URLClassLoader child = new URLClassLoader(new URL[0], app);
             URLClassLoader isolated = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertTrue(filter.rewrites(child, "com/acme/Ctx"));
            assertFalse(filter.rewrites(isolated, "com/acme/Ctx"));
        }
    }
}
