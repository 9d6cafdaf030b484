package io.localdrop.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlainValueClassesTest {
    private static final int SITE = 4242;

    @Test
    void aSiteKnowsTheClassItLastStoredAndNoOther() {
        assertFalse(PlainValueClasses.known("text", SITE + 1), "nothing remembered yet");
        PlainValueClasses.remember(String.class, SITE + 1);
        assertTrue(PlainValueClasses.known("other text", SITE + 1));
        assertFalse(PlainValueClasses.known(1, SITE + 1), "another class: the instanceof runs again");
        assertFalse(PlainValueClasses.known("text", SITE + 2), "another site");
        PlainValueClasses.remember(Integer.class, SITE + 1);
        assertTrue(PlainValueClasses.known(7, SITE + 1));
        assertFalse(PlainValueClasses.known("text", SITE + 1), "one class per site: the last one");
    }

    @Test
    void sitesOutsideTheTableAreNeverKnown() {
        PlainValueClasses.remember(String.class, -1);
        PlainValueClasses.remember(String.class, PlainValueClasses.SITES);
        assertFalse(PlainValueClasses.known("text", -1));
        assertFalse(PlainValueClasses.known("text", PlainValueClasses.SITES));
    }

    @Test
    void anAutoCloseableIsNeverPlainAndOnJdk23AndLaterAnyOtherValueIsPlainWithoutTheMemo() {
        AutoCloseable closeable = () -> { };
        assertFalse(PlainValueClasses.plain(closeable, SITE + 3));
        PlainValueClasses.remember(String.class, SITE + 3);
        assertFalse(PlainValueClasses.plain(closeable, SITE + 3), "a remembered plain class says nothing of another");
        assertTrue(PlainValueClasses.plain("text", SITE + 3));
        // a site with nothing remembered: the instanceof answers on JDK 23+, the memo ("perhaps", false) before
        assertEquals(Runtime.version().feature() >= 23, PlainValueClasses.plain("text", SITE + 4));
        assertEquals(Runtime.version().feature() >= 23, PlainValueClasses.CHEAP_INTERFACE_TEST);
    }
}
