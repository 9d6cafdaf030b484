package io.localdrop.it.stacks.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.stacks.ChildStack;
import io.localdrop.it.stacks.RealStack;
import io.localdrop.it.stacks.SourceLines;
import io.localdrop.it.stacks.StackReport;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parallel streams on the common pool and a RecursiveTask on a {@code new ForkJoinPool(2)}: correct elements give no
 * WARNING/ERROR; leaky ones give at most one BLEED, naming the storing and reading lines, whose count is within the
 * fixture's bounds, there whenever a worker read an earlier computation's user, and a TASK_LEAK whenever a worker
 * stored one. Subtasks a worker runs while it joins deepen its task (docs/diagnose.md, "What a task is").
 */
@Tag(RealStack.TAG)
class ForkJoinStackTest {

    @ParameterizedTest
    @EnumSource(ForkJoinStackFixture.Kind.class)
    void correctElementsGiveNoWarningOrError(ForkJoinStackFixture.Kind kind) throws Exception {
        ChildStack run = ChildStack.run(kind + ", correct", ForkJoinStackFixture.class, ExecutorStackFixture.jvmArgs(),
                kind.name(), "correct");
        run.report().assertNoProblems();
    }

    @ParameterizedTest
    @EnumSource(ForkJoinStackFixture.Kind.class)
    void leakyElementsGiveABleedWithinTheBoundsAndATaskLeak(ForkJoinStackFixture.Kind kind) throws Exception {
        ChildStack run = ChildStack.run(kind + ", leaky", ForkJoinStackFixture.class, ExecutorStackFixture.jvmArgs(),
                kind.name(), "leaky");
        String set = SourceLines.site(SourceLines.testSources(), JdkExecutorStackTest.USER, "store", "leak: user set");
        String read = SourceLines.site(SourceLines.testSources(), "io.localdrop.it.stacks.pools.PoolReader", "read",
                "leak: user read elsewhere");
        int crossRuns = bound(run, "crossRuns");
        int workerReads = bound(run, "workerReads");
        StackReport report = run.report();
        List<Finding> bleeds = report.storedAt(Kind.BLEED, set);
        String context = "bounds crossRuns=" + crossRuns + " workerReads=" + workerReads + "\n" + report;
        assertTrue(bleeds.size() <= 1, "at most one BLEED at " + set + "\n" + context);
        if (crossRuns > 0) {
            assertEquals(1, bleeds.size(), "a worker read an earlier computation's user: a BLEED\n" + context);
        }
        for (Finding bleed : bleeds) {
            assertTrue(report.readNames(bleed, read), "the BLEED's read is " + read + "\n" + context);
            assertTrue(bleed.count() >= 1 && bleed.count() <= workerReads, "count within 1.." + workerReads + "\n"
                    + context);
        }
        assertEquals(List.of(), report.problems().stream()
                .filter(f -> !(f.kind() == Kind.BLEED || f.kind() == Kind.TASK_LEAK) || !report.setNames(f, set))
                .map(Finding::describe).toList(), "no other WARNING/ERROR\n" + context);
        if (bound(run, "workerStores") > 0) {
            report.assertLeftBehind(Kind.TASK_LEAK, set);
        }
    }

    private static int bound(ChildStack run, String name) {
        for (String line : run.result().stdoutLines()) {
            if (line.startsWith("bounds ")) {
                for (String part : line.split(" ")) {
                    if (part.startsWith(name + "=")) {
                        return Integer.parseInt(part.substring(name.length() + 1));
                    }
                }
            }
        }
        throw new AssertionError("the child printed no bounds " + name + "=: " + run.result());
    }
}
