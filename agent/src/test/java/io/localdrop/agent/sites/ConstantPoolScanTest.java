package io.localdrop.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The pre-filter: classes that cannot touch a ThreadLocal are skipped without parsing; candidates are not. */
class ConstantPoolScanTest {
    @Test
    void classesNamingThreadLocalOrItsMethodShapesAreCandidates() throws Exception {
        assertTrue(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(Samples.class.getName())));
        assertTrue(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(SubclassUser.class.getName())));
    }

    @Test
    void classesWithoutThemAreNot() throws Exception {
        assertFalse(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(PlainArithmetic.class.getName())));
        // H2's SessionLocal is named like a ThreadLocal but only called, never constructed or read with get()
        assertFalse(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(SessionUser.class.getName())));
    }

    @Test
    void eitherJdkThreadLocalNamedOnlyInADescriptorMakesACandidate() throws Exception {
        assertTrue(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(HoldsPlain.class.getName())));
        assertTrue(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(HoldsInheritable.class.getName())));
        assertFalse(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(HoldsLookAlike.class.getName())),
                "a ThreadLocal of another package is not the JDK's");
        // one descriptor naming the look-alike first and the JDK's after it
        assertTrue(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(TakesBoth.class.getName())));
    }

    @Test
    void constructingAClassNamedLikeAThreadLocalMakesACandidate() throws Exception {
        assertTrue(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(SessionMaker.class.getName())));
    }

    @Test
    void theHeaderNamesTheClassAndItsSuperclass() throws Exception {
        String[] names = new String[2];
        ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(Samples.Holder.class.getName()), names);
        assertEquals("io/localdrop/agent/sites/Samples$Holder", names[0]);
        assertEquals("java/lang/ThreadLocal", names[1]);
        String[] none = new String[2];
        ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(PlainArithmetic.class.getName()), none);
        assertEquals(null, none[0], "only ThreadLocal subclasses are named");
    }

    /** Not a ThreadLocal, whatever its name says. */
    static final class SessionLocal {
        int user() {
            return 1;
        }
    }

    static final class SessionUser {
        static int read(SessionLocal session) {
            return session.user();
        }
    }

    static final class SessionMaker {
        static Object make() {
            return new SessionLocal();
        }
    }

    /** Calls get() through a type whose name does not say ThreadLocal. */
    static final class SubclassUser {
        static Object read(Samples.InheritedLocal named) {
            return named.get();
        }
    }

    /** Name the JDK's ThreadLocal types in field descriptors only (no class constant, no call). */
    static final class HoldsPlain {
        java.lang.ThreadLocal<?>[] some;
    }

    static final class HoldsInheritable {
        InheritableThreadLocal<?>[] some;
    }

    static final class HoldsLookAlike {
        ThreadLocal[] none; // io.localdrop.agent.sites.ConstantPoolScanTest.ThreadLocal, not java.lang's
    }

    static final class TakesBoth {
        static native void both(ThreadLocal lookAlike, java.lang.ThreadLocal<?> jdk);
    }

    /** Shadows java.lang.ThreadLocal in this file's HoldsLookAlike. */
    static final class ThreadLocal {
    }

    static final class PlainArithmetic {
        static int twice(int x) {
            return 2 * x;
        }
    }
}
