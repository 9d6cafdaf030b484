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

    @Test
    void aClassCallingItsOwnGetIsACandidateOnlyWhenItsSuperclassMayBeAThreadLocal() throws Exception {
        assertFalse(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(OwnSupplier.class.getName())),
                "a subclass of Object is no ThreadLocal: its this.get() is no site");
        assertFalse(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(OwnReference.class.getName())),
                "nor is a subclass of a java.* class other than ThreadLocal");
        assertTrue(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(OwnGetOnAnApplicationSuper.class.getName())),
                "an application superclass may be a ThreadLocal loaded before the agent was: still a candidate");
        assertTrue(ConstantPoolScan.mayUseThreadLocal(SiteRewriterTest.bytes(WideConstantsFirst.class.getName())),
                "a long and a double take two pool numbers each: the header after them is read right");
    }

    static final class WideConstantsFirst extends OwnSupplier {
        double mix(long value) {
            return value * 9_876_543_210_123L + 3.25e200 + (get() == null ? 0 : 1);
        }
    }

    /** Calls its own get(): a class-typed get()Object on itself, no ThreadLocal anywhere. */
    static class OwnSupplier implements java.util.function.Supplier<Object> {
        @Override
        public Object get() {
            return this;
        }

        Object twice() {
            get();
            return get();
        }
    }

    static final class OwnReference extends java.util.concurrent.atomic.AtomicReference<Object> {
        Object read() {
            return get();
        }
    }

    static final class OwnGetOnAnApplicationSuper extends OwnSupplier {
        Object read() {
            return get();
        }
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
