package io.localdrop.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which methods of a candidate go through the site visitor: only those that may call a ThreadLocal's get, set,
 * remove, constructor or withInitial; the rest ASM copies as they are, and a candidate with none is not parsed.
 */
class SiteMethodsTest {
    @Test
    void onlyMethodsCallingAThreadLocalAreFlagged() throws Exception {
        Map<String, Boolean> flags = flagsByMethod(Mixed.class);
        assertEquals(Boolean.FALSE, flags.get("<init>"), "a constructor calling Object's: no site");
        assertEquals(Boolean.TRUE, flags.get("<clinit>"), "constructs a ThreadLocal and calls withInitial");
        assertEquals(Boolean.TRUE, flags.get("reads"));
        assertEquals(Boolean.TRUE, flags.get("stores"));
        assertEquals(Boolean.TRUE, flags.get("clears"));
        assertEquals(Boolean.FALSE, flags.get("arithmetic"));
        assertEquals(Boolean.FALSE, flags.get("callsOtherGets"), "get() of a Map or an AtomicReference is no site");
        assertEquals(Boolean.TRUE, flags.get("initialValue"), "initialValue is always looked at (mode=enforce)");
    }

    @Test
    void aCandidateWhoseMethodsCallNoThreadLocalIsNotParsed() throws Exception {
        byte[] bytes = SiteRewriterTest.bytes(ConstantPoolScanTest.HoldsPlain.class.getName());
        assertTrue(ConstantPoolScan.mayUseThreadLocal(bytes), "a candidate: its pool names ThreadLocal");
        boolean[] flags = SiteMethods.of(bytes, "io/localdrop/agent/sites/ConstantPoolScanTest$HoldsPlain");
        assertNotNull(flags);
        assertTrue(!SiteMethods.any(flags), Arrays.toString(flags));
        assertNull(new SiteRewriter(new ClassFilter(List.of(), List.of())).rewrite(getClass().getClassLoader(),
                "io/localdrop/agent/sites/ConstantPoolScanTest$HoldsPlain", bytes));
    }

    @Test
    void methodsWithoutSitesKeepTheirBytesAndTheOthersAreRewritten() throws Exception {
        String name = "io/localdrop/agent/sites/SiteMethodsTest$Mixed";
        byte[] original = SiteRewriterTest.bytes(Mixed.class.getName());
        byte[] rewritten = new SiteRewriter(new ClassFilter(List.of(), List.of()))
                .rewrite(getClass().getClassLoader(), name, original);
        assertNotNull(rewritten);
        Map<String, String> before = calls(original);
        Map<String, String> after = calls(rewritten);
        assertEquals(before.get("arithmetic"), after.get("arithmetic"), "copied as it was, max stack included");
        assertEquals(before.get("callsOtherGets"), after.get("callsOtherGets"));
        assertTrue(after.get("reads").contains(SiteMethodVisitor.HOOKS + ".get"), after.get("reads"));
        assertTrue(!before.get("reads").contains(SiteMethodVisitor.HOOKS), before.get("reads"));
    }

    @Test
    void bytesItCannotReadFlagEveryMethod() {
        assertNull(SiteMethods.of(new byte[] {(byte) 0xca, (byte) 0xfe, 0, 0, 0, 61, 0, 9}, "Broken"));
        byte[] truncated = Arrays.copyOf(classBytes(Mixed.class), 200);
        assertNull(SiteMethods.of(truncated, "io/localdrop/agent/sites/SiteMethodsTest$Mixed"));
    }

    private static byte[] classBytes(Class<?> type) {
        try {
            return SiteRewriterTest.bytes(type.getName());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The flags of {@link SiteMethods#of}, by method name (the sample's names are unique). */
    private static Map<String, Boolean> flagsByMethod(Class<?> type) throws Exception {
        byte[] bytes = SiteRewriterTest.bytes(type.getName());
        boolean[] flags = SiteMethods.of(bytes, type.getName().replace('.', '/'));
        assertNotNull(flags);
        List<String> names = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                names.add(name);
                return null;
            }
        }, ClassReader.SKIP_CODE);
        assertEquals(names.size(), flags.length);
        Map<String, Boolean> byName = new LinkedHashMap<>();
        for (int i = 0; i < flags.length; i++) {
            byName.put(names.get(i), flags[i]);
        }
        return byName;
    }

    /** Each method's calls, as owner.name lines, and its max stack. */
    private static Map<String, String> calls(byte[] bytes) {
        Map<String, String> byName = new LinkedHashMap<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, new ClassWriter(0)) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                StringBuilder text = new StringBuilder();
                byName.put(name, text.toString());
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        text.append(owner).append('.').append(method).append('\n');
                        byName.put(name, text.toString());
                    }

                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        text.append("max stack ").append(maxStack).append('\n'); // the rewritten grow it by 2
                        byName.put(name, text.toString());
                    }
                };
            }
        }, 0);
        return byName;
    }

    @SuppressWarnings("unused")
    static final class Mixed {
        static final ThreadLocal<String> PLAIN = new ThreadLocal<>();
        static final ThreadLocal<StringBuilder> CACHED = ThreadLocal.withInitial(StringBuilder::new);

        static String reads() {
            return PLAIN.get();
        }

        static void stores(String value) {
            PLAIN.set(value);
        }

        static void clears() {
            PLAIN.remove();
        }

        static int arithmetic(int x) {
            return 3 * x + 1;
        }

        static Object callsOtherGets(Map<String, Object> map, java.util.concurrent.atomic.AtomicReference<Object> ref) {
            return map.get("key") == null ? ref.get() : map.get("other");
        }

        Object initialValue() {
            return null;
        }
    }
}
