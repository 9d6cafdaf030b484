package io.localdrop.agent.sites;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.health.InternalErrors;
import org.junit.jupiter.api.Test;

import java.util.List;

/** A class file the rewriter cannot parse is left as it was, and the failure is recorded, not dropped. */
class SiteRewriterFailureTest {
    @Test
    void aClassThatCannotBeRewrittenIsLeftAloneAndTheFailureIsCounted() {
        long before = InternalErrors.total();
        SiteRewriter rewriter = new SiteRewriter(new ClassFilter(List.of(), List.of()));
        // a class file cut short after its header: the constant-pool scan lets ASM look, and ASM fails
        byte[] truncated = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9, 1};
        assertNull(rewriter.transform(getClass().getClassLoader(), "com/acme/Broken", null, null, truncated));
        assertTrue(InternalErrors.total() > before, "the failure is counted");
        assertTrue(InternalErrors.distinct().stream().anyMatch(e -> e.where().equals("site rewriter: transform")),
                "under its own description");
    }
}
