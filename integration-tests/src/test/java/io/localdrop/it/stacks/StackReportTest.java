package io.localdrop.it.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The suite's own checks on hand-written reports, so that a fixed agent (one that writes {@code appFrame},
 * issue 9 item 3) passes them and a wrong one does not: the suite must not fail for its own reasons.
 */
@Tag(RealStack.TAG)
class StackReportTest {

    static final String SET = "com.acme.Filter.doFilter(Filter.java:12)";
    static final String READ = "com.acme.Handler.handle(Handler.java:30)";

    private static StackReport report(String findings) {
        return StackReport.parse("hand-written", "{\"format\":\"localdrop-report/1\",\"findings\":[" + findings + "]}", "");
    }

    private static String bleed(String setAt, String appFrame, String readAt, String readStack, int count) {
        return "{\"kind\":\"BLEED\",\"severity\":\"ERROR\",\"setAt\":[\"" + setAt + "\"],"
                + (appFrame == null ? "" : "\"appFrame\":\"" + appFrame + "\",")
                + "\"readAt\":[\"" + readAt + "\"],\"readStack\":[\"" + readAt + "\",\"" + readStack + "\"],"
                + "\"count\":" + count + "}";
    }

    private static BleedOracle oracle(int bleeding, int reads) {
        BleedOracle oracle = new BleedOracle();
        for (int i = 0; i < reads; i++) {
            oracle.read(false, i < bleeding ? "seen" : null);
        }
        return oracle;
    }

    @Test
    void aLeakInsideALibraryIsNamedByItsAppFrameAndItsReadStack() {
        StackReport report = report(bleed("org.lib.Mdc.put(Mdc.java:75)", SET, "org.lib.Mdc.get(Mdc.java:90)", READ, 3));
        Finding bleed = report.assertBleed(SET, READ, oracle(3, 5));
        assertEquals(SET, report.appFrame(bleed));
    }

    @Test
    void withoutAppFrameALibraryLineDoesNotNameTheApplicationsLine() {
        StackReport report = report(bleed("org.lib.Mdc.put(Mdc.java:75)", null, "org.lib.Mdc.get(Mdc.java:90)", READ, 3));
        assertEquals(0, report.storedAt(Kind.BLEED, SET).size());
        assertThrows(AssertionError.class, () -> report.assertBleed(SET, READ, oracle(3, 5)));
    }

    @Test
    void aCountOtherThanTheOraclesFails() {
        StackReport report = report(bleed(SET, null, READ, "x", 2));
        assertThrows(AssertionError.class, () -> report.assertBleed(SET, READ, oracle(3, 5)));
    }

    @Test
    void noBleedingReadMeansNoBleedMayBeReported() {
        assertThrows(AssertionError.class, () -> report(bleed(SET, null, READ, "x", 1)).assertBleed(SET, READ, oracle(0, 5)));
        assertEquals(null, report("").assertBleed(SET, READ, oracle(0, 5)));
    }

    @Test
    void cacheIsNoProblemButATaskLeakIs() {
        report("{\"kind\":\"CACHE\",\"severity\":\"INFO\"}").assertNoProblems();
        StackReport leak = report("{\"kind\":\"TASK_LEAK\",\"severity\":\"WARNING\",\"setAt\":[\"" + SET + "\"]}");
        assertThrows(AssertionError.class, leak::assertNoProblems);
        assertTrue(leak.setNames(leak.report().findings().get(0), SET));
        assertFalse(leak.setNames(leak.report().findings().get(0), READ));
    }

    @Test
    void theOracleCountsOnlyReadsOfAValueThisUnitDidNotStore() {
        BleedOracle oracle = new BleedOracle();
        oracle.read(true, "own");
        oracle.read(false, null);
        oracle.read(false, "earlier");
        assertEquals(1, oracle.bleedingReads());
        assertEquals(3, oracle.reads());
    }
}
