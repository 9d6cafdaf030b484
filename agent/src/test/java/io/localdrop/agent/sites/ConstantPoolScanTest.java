package io.localdrop.agent.sites;

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
    }

    /** Calls get() through a type whose name does not say ThreadLocal. */
    static final class SubclassUser {
        static Object read(Samples.Named named) {
            return named.get();
        }
    }

    static final class PlainArithmetic {
        static int twice(int x) {
            return 2 * x;
        }
    }
}
