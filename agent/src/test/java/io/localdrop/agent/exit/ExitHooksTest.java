package io.localdrop.agent.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which hook points each JDK is expected to have, and the start-up warning of the one path that cannot be hooked. */
class ExitHooksTest {

    @Test
    void eachHookPointIsExpectedFromItsFirstJdkAndThePoolEraseNotOn25WhichNoLongerCallsIt() {
        assertTrue(ExitHooks.expected(HookPoint.POOL_ERASE, 17));
        assertTrue(ExitHooks.expected(HookPoint.POOL_ERASE, 21));
        assertFalse(ExitHooks.expected(HookPoint.POOL_ERASE, 25));
        assertFalse(ExitHooks.expected(HookPoint.WORKER_RESET, 21));
        assertTrue(ExitHooks.expected(HookPoint.WORKER_RESET, 25));
        assertFalse(ExitHooks.expected(HookPoint.VIRTUAL_THREAD_END, 17));
        for (int feature : new int[] {17, 21, 25}) {
            assertTrue(ExitHooks.expected(HookPoint.THREAD_EXIT, feature));
            assertTrue(ExitHooks.expected(HookPoint.INNOCUOUS_ERASE, feature));
        }
    }

    @Test
    void untrackedVirtualThreadsAreWarnedAboutOnlyOnJdk21AndLaterWithTrackingOff() {
        assertNull(ExitHooks.untrackedVirtualThreadsWarning(25, null));
        assertNull(ExitHooks.untrackedVirtualThreadsWarning(25, ""));
        assertNull(ExitHooks.untrackedVirtualThreadsWarning(25, "TRUE"));
        assertNull(ExitHooks.untrackedVirtualThreadsWarning(17, "false"), "JDK 17 has no virtual threads");
        String warning = ExitHooks.untrackedVirtualThreadsWarning(21, "false");
        assertNotNull(warning);
        assertEquals("localdrop: warning: -Djdk.trackAllThreads=false: a virtual thread that blocks forever and becomes"
                + " unreachable is garbage collected without ending, and its owned keys are never destroyed", warning);
        assertNotNull(ExitHooks.untrackedVirtualThreadsWarning(25, "no"), "the JDK reads anything but true as off");
    }
}
