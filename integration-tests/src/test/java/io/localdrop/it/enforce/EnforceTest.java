package io.localdrop.it.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.Severity;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * mode=enforce on unchanged programs in child JVMs (the fixtures of this package), issue 5's acceptance list.
 * Each test also runs on JDK 25 with {@code -Djvm=.../temurin-25.../bin/java}.
 */
class EnforceTest {
    private static final String FIXTURES = "io.localdrop.it.enforce.";
    private static final String ENFORCE = "mode=enforce";

    @Test
    void aPlatformThreadsJdbcConnectionIsClosedOnThatThreadBeforeJoinReturns() throws Exception {
        Enforced run = Enforced.run(ConnectionFixture.class, ENFORCE, 0, "thread");
        assertEquals(List.of("opened on jdbc-worker",
                "audit closed on own thread=true connection closed=true thread=jdbc-worker",
                "after join: connection closed=true", "opened=1"), run.lines(), run::toString);
        List<Finding> closed = run.findings(Kind.EXIT_LEAK, FIXTURES + "ConnectionFixture.CONNECTION");
        assertEquals(1, closed.size(), run::toString);
        assertEquals(Severity.INFO, closed.get(0).severity(), "closed by the agent: INFO under enforce");
        assertEquals("org.h2.jdbc.JdbcConnection", closed.get(0).valueType());
        assertTrue(run.result.stderr().contains("(closed by localdrop)"), run::toString);
    }

    @Test
    void eachPoolWorkersConnectionIsClosedOnItsWorkerWhenThePoolShutsDown() throws Exception {
        Enforced run = Enforced.run(ConnectionFixture.class, ENFORCE, 0, "pool");
        List<String> lines = run.lines();
        assertEquals(2, lines.stream().filter(line -> line.startsWith("audit closed on own thread=true connection closed=true"
                + " thread=jdbc-pool-")).count(), run::toString);
        assertEquals(2, lines.stream().filter("after join: connection closed=true"::equals).count(), run::toString);
        assertTrue(lines.contains("opened=2"), run::toString);
        assertFalse(lines.stream().anyMatch(line -> line.contains("closed=false")), run::toString);
    }

    @Test
    void aVirtualThreadsConnectionIsClosedOnThatVirtualThread() throws Exception {
        assumeTrue(ChildJvm.javaFeature() >= 21, "virtual threads are JDK 21+");
        Enforced run = Enforced.run(ConnectionFixture.class, ENFORCE, 0, "virtual");
        assertTrue(run.lines().contains("audit closed on own thread=true connection closed=true thread="), run::toString);
        assertTrue(run.lines().contains("after join: connection closed=true"), run::toString);
    }

    @Test
    void theMainThreadsValueIsClosedWhenMainReturns() throws Exception {
        Enforced run = Enforced.run(MainThreadFixture.class, ENFORCE, 0);
        assertEquals(List.of("main returns", "closed on main=true"), run.lines(), run::toString);
    }

    @Test
    void aChildThreadDoesNotCloseTheValueItInheritedFromItsParent() throws Exception {
        Enforced run = Enforced.run(InheritedFixture.class, ENFORCE, 0);
        assertEquals(List.of("child sees the parent's object=true", "after the child's exit closed=false", "closed on main"),
                run.lines(), run::toString);
    }

    @Test
    void aForkJoinWorkersValueIsClosedOnTheWorkerBeforeJdk25WipesItsThreadLocals() throws Exception {
        assumeTrue(ChildJvm.javaFeature() >= 25, "the ThreadLocal wipe of live ForkJoin workers is JDK 25's");
        Enforced run = Enforced.run(WipeFixture.class, ENFORCE, 0);
        assertEquals(List.of("closed=true on ForkJoinPool.commonPool-worker-1 (the task's worker: true) worker alive=true"),
                run.lines(), run::toString);
    }

    @Test
    void lastStoredIsClosedFirstWhetherStoredBySetInitialValueOrWithInitialAndUnknownStoresLast() throws Exception {
        Enforced run = Enforced.run(OrderFixture.class, ENFORCE, 0);
        assertEquals(List.of("closed D", "closed C", "closed B", "closed A", "closed E", "joined"), run.lines(),
                run::toString);
    }

    @Test
    void diagnoseClosesNothing() throws Exception {
        Enforced run = Enforced.run(ConnectionFixture.class, "mode=diagnose", 0, "thread");
        assertEquals(List.of("opened on jdbc-worker", "after join: connection closed=false", "opened=1"), run.lines(),
                run::toString);
        List<Finding> held = run.findings(Kind.EXIT_LEAK, FIXTURES + "ConnectionFixture.CONNECTION");
        assertEquals(1, held.size(), run::toString);
        assertEquals(Severity.WARNING, held.get(0).severity(), "diagnose: still held at exit, a WARNING");
    }

    @Test
    void accessDuringAndAfterCloseThrowsAccessErrorAndAThreadLocalWithNoValueYetIsInitializedAndClosedNext()
            throws Exception {
        Enforced run = Enforced.run(AccessFixture.class, ENFORCE, 0);
        String self = FIXTURES + "AccessFixture.SELF";
        String second = FIXTURES + "AccessFixture.SECOND";
        assertEquals(List.of("worker done",
                "closing self",
                "self get: AccessError DESTROYING key=" + self + " message=cannot access key '" + self
                        + "' on thread 'access-worker' while its value is being destroyed (state DESTROYING)",
                "self set: AccessError DESTROYING key=" + self,
                "closing second",
                "closing first",
                "second get: AccessError DESTROYED key=" + second + " message=cannot access key '" + second
                        + "' on thread 'access-worker' after its value was destroyed at thread exit (state DESTROYED)",
                "late get: late",
                "closing late",
                "joined"), run.lines(), run::toString);
    }

    @ParameterizedTest
    @CsvSource({"4, 5", "2, 3"})
    void twoThreadLocalsReinitializingEachOtherStopAtTheBoundWithAReinitLeak(int rounds, int closes) throws Exception {
        Enforced run = Enforced.run(ReinitFixture.class, ENFORCE + ",maxDestructorRounds=" + rounds, 0);
        List<String> lines = run.lines();
        assertEquals("joined closes=" + closes, lines.get(lines.size() - 1), run::toString);
        List<Finding> leaked = run.findings(Kind.REINIT_LEAK, FIXTURES + "ReinitFixture.PING");
        assertEquals(1, leaked.size(), run::toString);
        assertEquals(Severity.WARNING, leaked.get(0).severity());
        assertEquals(List.of("reinit-worker"), leaked.get(0).threads());
        assertTrue(run.result.stderr().contains("localdrop: warning: thread 'reinit-worker' leaked 1 AutoCloseable value(s)"
                + " re-initialized beyond maxDestructorRounds=" + rounds), run::toString);
    }

    @Test
    void aThrowingCloseAbortsTheJvmLikeAFailingOwnedKeyDestructor() throws Exception {
        Enforced run = Enforced.run(FailingCloseFixture.class, ENFORCE, 134);
        String stderr = run.result.stderr();
        assertTrue(stderr.contains("localdrop: fatal: destructor of '" + FIXTURES + "FailingCloseFixture.BROKEN' failed on"
                + " thread 'failing-worker'; aborting (exit 134"), run::toString);
        assertTrue(stderr.contains("java.io.IOException: broken pipe in close"), run::toString);
        assertEquals(List.of("closed after"), run.lines(), "stops at the failing close:\n" + run);
    }

    @Test
    void underTheLogPolicyAThrowingCloseIsReportedAndTheOtherValuesStillClose() throws Exception {
        Enforced run = Enforced.run(FailingCloseFixture.class, ENFORCE + ",onDestructorFailure=log", 0, "owned");
        assertEquals(List.of("closed after", "closed before", "joined"), run.lines(), run::toString);
        assertTrue(run.result.stderr().contains("localdrop: warning: destructor of '" + FIXTURES
                + "FailingCloseFixture.BROKEN' failed on thread 'failing-worker'; continuing"), run::toString);
        List<Finding> failed = run.findings(Kind.DESTRUCTOR_FAILED, FIXTURES + "FailingCloseFixture.BROKEN");
        assertEquals(1, failed.size(), run::toString);
        assertEquals(Severity.ERROR, failed.get(0).severity());
        assertTrue(failed.get(0).setAtContains("(FailingCloseFixture.java:26)"), "names the storing line:\n" + run);
        List<Finding> owned = run.findings(Kind.DESTRUCTOR_FAILED, "failing-owned-key");
        assertEquals(1, owned.size(), "an owned key's failing destructor is reported too:\n" + run);
        assertEquals("io.localdrop.OwnedKey", owned.get(0).threadLocal().type());
        assertEquals(2, run.report.findings(Kind.DESTRUCTOR_FAILED).size(), run::toString);
    }

    @Test
    void clearAfterTaskStopsTheBleedThatDiagnoseReportsAndKeepsCaches() throws Exception {
        String user = FIXTURES + "BleedFixture.USER";
        Enforced diagnosed = Enforced.run(BleedFixture.class, "mode=diagnose", 0);
        assertTrue(diagnosed.lines().contains("task B sees user=alice"), diagnosed::toString);
        assertEquals(1, diagnosed.findings(Kind.BLEED, user).size(), diagnosed::toString);

        Enforced cleared = Enforced.run(BleedFixture.class, ENFORCE + ",clearAfterTask=true", 0);
        assertEquals(List.of("task B sees user=null", "cache kept=true", "not AutoCloseable closed=false"),
                cleared.lines(), cleared::toString);
        assertEquals(0, cleared.report.findings(Kind.BLEED).size(), cleared::toString);
        assertEquals(1, cleared.findings(Kind.TASK_LEAK, user).size(), cleared::toString);

        Enforced session = Enforced.run(BleedFixture.class, ENFORCE + ",clearAfterTask=true", 0, "session");
        assertEquals(List.of("session closed on its task's thread=true", "task B sees user=null", "cache kept=true",
                "not AutoCloseable closed=false"), session.lines(), "closed at the end of task A:\n" + session);
    }

    @Test
    void valuesThatAreNotAutoCloseableAreLeftAsTheyAre() throws Exception {
        for (String options : List.of("mode=diagnose", ENFORCE)) {
            Enforced run = Enforced.run(BleedFixture.class, options, 0);
            assertEquals(List.of("task B sees user=alice", "cache kept=true", "not AutoCloseable closed=false"),
                    run.lines(), run::toString);
        }
    }
}
