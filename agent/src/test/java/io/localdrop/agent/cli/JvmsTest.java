package io.localdrop.agent.cli;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the tool takes for a PID, and the one line it gives for anything else. */
class JvmsTest {
    @Test
    void aPidIsDigitsUpToLongMaxValue() throws CliFailure {
        assertEquals("1", Jvms.checkPid("1"));
        assertEquals(Long.toString(Long.MAX_VALUE), Jvms.checkPid(Long.toString(Long.MAX_VALUE)));
        assertEquals("12277", Jvms.checkPid("00012277"), "leading zeros: the PID the attach API lists");
        assertEquals("0", Jvms.checkPid("000"));
        assertEquals(Long.toString(Long.MAX_VALUE), Jvms.checkPid("0" + Long.MAX_VALUE));
        for (String bad : new String[] {"", "-5", "12ab", "+7", "9223372036854775808", "9999999999999999999",
                "99999999999999999999"}) {
            // 9999999999999999999 passed the digits check and ended the tool with a NumberFormatException's stack trace
            CliFailure refused = assertThrows(CliFailure.class, () -> Jvms.checkPid(bad), bad);
            assertEquals("not a PID: " + bad, refused.getMessage());
        }
    }

    @Test
    void reportAndListRefuseAPidBeyondLongMaxValueInOneLine() {
        assertEquals("not a PID: 9999999999999999999",
                assertThrows(CliFailure.class, () -> Jvms.attach("9999999999999999999")).getMessage());
        assertEquals("not a PID: 9999999999999999999", assertThrows(CliFailure.class,
                () -> Main.run(new String[] {"list", "9999999999999999999"}, System.out)).getMessage());
    }

    @Test
    void listOfAPidThatIsNoListedJvmFailsSayingWhy() throws Exception {
        // each was an empty table and status 0
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(60, TimeUnit.SECONDS));
        assertEquals("PID " + gone.pid() + " does not exist", listFailure(Long.toString(gone.pid())));
        Process notAJvm = new ProcessBuilder("sleep", "60").start();
        try {
            assertTrue(listFailure(Long.toString(notAJvm.pid())).startsWith("PID " + notAJvm.pid()
                    + " is not a JVM this user can attach to"));
            assertTrue(notAJvm.isAlive(), "never signalled");
        } finally {
            notAJvm.destroy();
        }
        String self = Long.toString(ProcessHandle.current().pid());
        assertEquals("PID " + self + " is this tool itself", listFailure(self));
    }

    private static String listFailure(String pid) {
        return assertThrows(CliFailure.class, () -> Main.run(new String[] {"list", pid},
                new PrintStream(OutputStream.nullOutputStream()))).getMessage();
    }
}
