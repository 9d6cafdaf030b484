package io.localdrop.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The naming rule of AllowThreadLocalLeak, the agent's suppression rule (docs/diagnose.md). */
class ThreadLocalNameTest {

    @Test
    void aNameMatchesExactlyOrAsAPrefixEndingAtANameBoundary() {
        assertTrue(ThreadLocalName.matches("com.acme.Ctx.CURRENT", "com.acme.Ctx.CURRENT"));
        assertTrue(ThreadLocalName.matches("com.acme.Ctx", "com.acme.Ctx.CURRENT"));
        assertTrue(ThreadLocalName.matches("com.acme.Ctx", "com.acme.Ctx$Holder.<clinit>(Ctx.java:5)"));
        assertTrue(ThreadLocalName.matches("com.acme.", "com.acme.x.Y.Z"));
        assertFalse(ThreadLocalName.matches("com.acme.Ctx", "com.acme.CtxFactory.X"));
        assertFalse(ThreadLocalName.matches("com.acme.Ctx.CURRENT", "com.acme.Ctx.CURRENT_USER"));
        assertFalse(ThreadLocalName.matches("com.acme.Ctx", null));
    }

    @Test
    void theFieldOrTheCreationSiteIsMatchedAndTheTypeOnlyWhenNeitherIsKnown() {
        Finding.ThreadLocalInfo known = new Finding.ThreadLocalInfo("com.acme.Ctx.<clinit>(Ctx.java:9)", "com.acme.Ctx.CURRENT",
                "java.lang.ThreadLocal");
        assertTrue(ThreadLocalName.names("com.acme.Ctx.CURRENT", known));
        assertTrue(ThreadLocalName.names("com.acme.Ctx.<clinit>", known));
        assertFalse(ThreadLocalName.names("java.lang.ThreadLocal", known));
        Finding.ThreadLocalInfo anonymous = new Finding.ThreadLocalInfo(null, null, "org.vendor.SessionLocal");
        assertTrue(ThreadLocalName.names("org.vendor.", anonymous));
    }
}
