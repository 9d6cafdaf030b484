package io.localdrop.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.findings.SiteRegistry;
import io.localdrop.agent.findings.TlRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The rewriter on real class files: every shape of site is rewritten to the hooks with the right site text,
 * construction sites record their static field, super.get() is left alone, other classes' get/set are not
 * touched, and the rewritten code behaves exactly as before.
 */
class SiteRewriterTest {
    private static final String SAMPLES = Samples.class.getName();
    private static Class<?> rewritten;
    private static List<String> calls;

    @BeforeAll
    static void rewriteSamples() throws Exception {
        RewritingLoader loader = new RewritingLoader();
        rewritten = Class.forName(SAMPLES, true, loader);
        calls = loader.hookCalls;
    }

    private static Object call(String method, Object... args) throws Exception {
        for (Method candidate : rewritten.getMethods()) {
            if (candidate.getName().equals(method)) {
                return candidate.invoke(null, args);
            }
        }
        throw new NoSuchMethodException(method);
    }

    @Test
    void rewrittenCodeBehavesExactlyAsBefore() throws Exception {
        assertEquals(Samples.roundTrip("v"), call("roundTrip", "v"));
        assertEquals(Samples.inherited(), call("inherited"));
        assertEquals(Samples.anonymous("a"), call("anonymous", "a")); // recursion would be a StackOverflowError
        assertEquals(Samples.cached(), call("cached"));
        assertEquals(Samples.notThreadLocals(() -> "s", new AtomicReference<>()),
                call("notThreadLocals", (Supplier<Object>) () -> "s", new AtomicReference<>()));
    }

    @Test
    void everyThreadLocalSiteCallsItsHook() throws Exception {
        assertTrue(calls.contains("roundTrip:set"), calls::toString);
        assertTrue(calls.contains("roundTrip:get"), calls::toString);
        assertTrue(calls.contains("roundTrip:remove"), calls::toString);
        assertTrue(calls.contains("inherited:get"), "a call site typed as the subclass: " + calls);
        assertTrue(calls.contains("inherited:set"), calls::toString);
        assertTrue(calls.contains("anonymous:set"), calls::toString);
        assertTrue(calls.contains("<clinit>:created"), calls::toString);
        assertTrue(calls.contains("local:created"), calls::toString);
        assertFalse(calls.stream().anyMatch(call -> call.startsWith("notThreadLocals:")), calls::toString);
    }

    @Test
    void callSitesTypedAsALoadedSubclassAreRewrittenWhateverItsName() throws Exception {
        Class<?> user = Class.forName(SAMPLES + "$HolderUser", true, rewritten.getClassLoader());
        assertEquals("held", user.getMethod("read").invoke(null));
        assertTrue(calls.contains("read:set"), calls::toString);
        assertTrue(calls.contains("read:get"), calls::toString);
        assertSite("read", "holder-set", "Samples$HolderUser");
    }

    @Test
    void superGetInsideAnOverrideIsNotRewritten() {
        assertEquals(List.of(), RewritingLoader.hookCallsOf(RewritingLoader.rewrittenBytes.get(SAMPLES + "$1")));
    }

    @Test
    void sitesNameClassMethodFileAndLine() throws Exception {
        assertSite("roundTrip", "plain-set");
        assertSite("roundTrip", "plain-get");
        assertSite("roundTrip", "plain-remove");
        assertSite("inherited", "inherited-get");
        assertSite("inherited", "inherited-set");
        assertSite("anonymous", "anonymous-set");
    }

    @Test
    void constructionRecordsTheSiteTheStaticFieldAndInitialValues() throws Exception {
        ThreadLocal<?> plain = (ThreadLocal<?>) rewritten.getField("PLAIN").get(null);
        assertCreated(plain, "plain-created", SAMPLES + ".PLAIN", false);
        assertCreated((ThreadLocal<?>) rewritten.getField("CACHED").get(null), "cached-created", SAMPLES + ".CACHED", true);
        assertCreated((ThreadLocal<?>) rewritten.getField("INHERITED").get(null), "inherited-created", SAMPLES + ".INHERITED", true);
        assertCreated((ThreadLocal<?>) rewritten.getField("ANONYMOUS").get(null), "anonymous-created",
                SAMPLES + ".ANONYMOUS", false);
        ThreadLocal<?> local = (ThreadLocal<?>) call("local");
        assertCreated(local, "local-created", null, false);
    }

    @Test
    void classesWithoutThreadLocalSitesAreReturnedUnchanged() throws IOException {
        SiteRewriter rewriter = new SiteRewriter(new ClassFilter(List.of(), List.of()));
        assertNull(rewriter.rewrite(getClass().getClassLoader(), "io/localdrop/agent/sites/ClassFilter",
                bytes(ClassFilter.class.getName())));
    }

    private static void assertCreated(ThreadLocal<?> threadLocal, String marker, String field, boolean hasInitial)
            throws IOException {
        var info = TlRegistry.find(threadLocal);
        assertNotNull(info, marker);
        String text = SiteRegistry.text(info.createdSite());
        assertEquals(SAMPLES + "." + (marker.equals("local-created") ? "local" : "<clinit>") + "(Samples.java:"
                + lineOf(marker) + ")", text);
        assertEquals(field, SiteRegistry.field(info.createdSite()));
        assertEquals(hasInitial, info.hasInitial(), marker);
    }

    private static void assertSite(String method, String marker) throws IOException {
        assertSite(method, marker, "Samples");
    }

    private static void assertSite(String method, String marker, String simpleName) throws IOException {
        String expected = "io.localdrop.agent.sites." + simpleName + "." + method + "(Samples.java:" + lineOf(marker) + ")";
        boolean found = false;
        for (int id = 0; id < SiteRegistry.size(); id++) {
            found |= expected.equals(SiteRegistry.text(id));
        }
        assertTrue(found, expected);
    }

    static int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Paths.get("src/test/java/io/localdrop/agent/sites/Samples.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker);
    }

    static byte[] bytes(String className) throws IOException {
        try (InputStream in = SiteRewriterTest.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines Samples and its nested classes from rewritten bytes; everything else comes from the parent. */
    static final class RewritingLoader extends ClassLoader {
        static final java.util.Map<String, byte[]> rewrittenBytes = new java.util.HashMap<>();
        final List<String> hookCalls = new ArrayList<>();
        private final SiteRewriter rewriter = new SiteRewriter(new ClassFilter(List.of(), List.of()));

        RewritingLoader() {
            super(SiteRewriterTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(SAMPLES)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> known = findLoadedClass(name);
                if (known != null) {
                    return known;
                }
                try {
                    byte[] original = bytes(name);
                    String[] names = new String[2];
                    ConstantPoolScan.mayUseThreadLocal(original, names); // as transform() does
                    KnownThreadLocals.noteClass(names[0], names[1]);
                    byte[] changed = rewriter.rewrite(this, name.replace('.', '/'), original);
                    byte[] used = changed != null ? changed : original;
                    rewrittenBytes.put(name, used);
                    hookCalls.addAll(hookCallsOf(used));
                    return defineClass(name, used, 0, used.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }

        /** "method:hook" for every call to SiteHooks in a class file; INVOKESPECIAL get of ThreadLocal listed as "super". */
        static List<String> hookCallsOf(byte[] classFile) {
            List<String> found = new ArrayList<>();
            new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                            if (owner.equals(SiteMethodVisitor.HOOKS)) {
                                found.add(method + ":" + name);
                            }
                        }
                    };
                }
            }, 0);
            return found;
        }
    }
}
