package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The last word at shutdown: the final report is written after the application's own shutdown hooks, so what
 * threads leave behind when they exit during the application's graceful shutdown is in it, and the summary on
 * stderr says exactly what the report says.
 */
class ShutdownReportTest {
    private static final String PKG = "io.localdrop.it.diagnose.";

    @ParameterizedTest(name = "main {0}")
    @ValueSource(strings = {"returns", "exit"})
    void poolWorkersExitingInTheApplicationsShutdownHookAreInTheFinalReport(String end) throws Exception {
        Diagnosed run = Diagnosed.run(ShutdownPoolFixture.class, "", end);
        assertTrue(run.result.stdout().contains("pool terminated: true"), run::toString);
        Finding exit = run.only(Kind.EXIT_LEAK, PKG + "ShutdownPoolFixture.CONNECTION");
        assertEquals(2, exit.count(), run::toString);
        assertEquals(List.of("shutdown-worker-1", "shutdown-worker-2"), exit.threads().stream().sorted().toList(),
                run::toString);
        assertEquals(List.of(Diagnosed.site(PKG + "ShutdownPoolFixture", "lambda$main$2", "ShutdownPoolFixture.java",
                "pool-set")), exit.setAt(), run::toString);
        SummaryAgreement.assertAgree(run);
    }

    @Test
    void tomcatWorkersExitingWhileTomcatStopsInTheApplicationsHookAreInTheFinalReport() throws Exception {
        Diagnosed run = Diagnosed.run(ShutdownTomcatFixture.class, "");
        assertTrue(run.result.stdout().contains("tomcat stopped"), run::toString);
        Finding exit = run.only(Kind.EXIT_LEAK, PKG + "ShutdownTomcatFixture.CONNECTION");
        assertTrue(exit.count() >= 1 && exit.count() <= 2, run::toString);
        assertTrue(exit.threads().stream().allMatch(thread -> thread.startsWith("http-nio-") && thread.contains("-exec-")),
                run::toString);
        assertEquals(List.of(Diagnosed.site(PKG + "ShutdownTomcatFixture$ConnectionServlet", "doGet",
                "ShutdownTomcatFixture.java", "tomcat-set")), exit.setAt(), run::toString);
        SummaryAgreement.assertAgree(run);
    }

    @Test
    void aThreadStillComputingAtExitHoldsTheExitNoLongerThanShutdownWait() throws Exception {
        // without the bound the child would never end (ChildJvm fails it after its timeout)
        Diagnosed run = Diagnosed.run(ShutdownBusyThreadFixture.class, "shutdownWait=200ms");
        assertTrue(run.result.stdout().contains("main done"), run::toString);
        assertEquals(1, run.findings(Kind.BLEED).size(), run::toString);
        SummaryAgreement.assertAgree(run);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shutdownWait=", "shutdownWait=5", "shutdownWait=5m", "shutdownWait=-1s", "shutdownWait=61s",
            "shutdownWait=soon"})
    void aBadShutdownWaitStopsTheJvmWithStatus2AndOneLine(String option) throws Exception {
        ChildJvm.Result result = ChildJvm.main(ShutdownPoolFixture.class).agentOptions(option).run().assertExit(2);
        assertEquals(1, result.stderrLines().size(), result::toString);
        assertTrue(result.stderrLines().get(0).startsWith("localdrop: bad agent option '" + option + "'"),
                result::toString);
        assertTrue(result.stderrLines().get(0).contains("accepted values are"), result::toString);
        assertEquals("", result.stdout(), result::toString);
    }
}
