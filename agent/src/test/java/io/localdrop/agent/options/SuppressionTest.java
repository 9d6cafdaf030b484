package io.localdrop.agent.options;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.findings.Finding;
import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.findings.Findings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which findings an entry names: same kind, and a field/creation-site/type name or a prefix ending at a name boundary. */
class SuppressionTest {
    @AfterEach
    void forget() {
        Findings.clear();
    }

    @Test
    void aFieldNameMatchesThatFieldOnlyAndOnlyForItsKind() {
        Suppression entry = new Suppression(FindingKind.BLEED, "com.acme.Ctx.CURRENT", "reason", 1);
        assertTrue(entry.matches(named(FindingKind.BLEED, "com.acme.Ctx.CURRENT")));
        assertFalse(entry.matches(named(FindingKind.TASK_LEAK, "com.acme.Ctx.CURRENT")), "another kind");
        assertFalse(entry.matches(named(FindingKind.BLEED, "com.acme.Ctx.CURRENT_USER")), "a longer field name");
    }

    @Test
    void aPrefixMatchesAtNameBoundariesOnly() {
        Suppression classPrefix = new Suppression(FindingKind.BLEED, "com.acme.Ctx", "reason", 1);
        assertTrue(classPrefix.matches(named(FindingKind.BLEED, "com.acme.Ctx.CURRENT")));
        assertTrue(classPrefix.matches(named(FindingKind.BLEED, "com.acme.Ctx$Holder.VALUE")));
        assertFalse(classPrefix.matches(named(FindingKind.BLEED, "com.acme.CtxFactory.VALUE")));
        Suppression packagePrefix = new Suppression(FindingKind.BLEED, "com.acme.", "reason", 1);
        assertTrue(packagePrefix.matches(named(FindingKind.BLEED, "com.acme.Anything.X")));
        assertFalse(packagePrefix.matches(named(FindingKind.BLEED, "com.acmes.Anything.X")));
    }

    private static Finding named(FindingKind kind, String field) {
        Findings.recordNamed(kind, field, "java.lang.ThreadLocal");
        for (Finding finding : Findings.all()) {
            if (finding.kind() == kind && field.equals(finding.field())) {
                return finding;
            }
        }
        throw new AssertionError("not recorded: " + field);
    }
}
