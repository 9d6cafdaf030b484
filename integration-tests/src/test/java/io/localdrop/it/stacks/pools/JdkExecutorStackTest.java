package io.localdrop.it.stacks.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.localdrop.it.stacks.ChildStack;
import io.localdrop.it.stacks.RealStack;
import io.localdrop.it.stacks.SourceLines;
import io.localdrop.testing.Kind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDK's executors: correct tasks give no WARNING/ERROR; leaky tasks give one BLEED naming the storing
 * and reading lines whose count is the oracle's, and a TASK_LEAK at the storing line; on the executors that make a
 * new thread per task (JDK 21+) leaky tasks bleed into nothing and give no WARNING/ERROR either.
 */
@Tag(RealStack.TAG)
class JdkExecutorStackTest {

    static final String USER = "io.localdrop.it.stacks.pools.PoolUser";

    @ParameterizedTest
    @EnumSource(ExecutorStackFixture.Pool.class)
    void correctTasksGiveNoWarningOrError(ExecutorStackFixture.Pool pool) throws Exception {
        assumeTrue(Runtime.version().feature() >= pool.since(), pool + " needs JDK " + pool.since());
        ChildStack run = ChildStack.run(pool + ", correct", ExecutorStackFixture.class, ExecutorStackFixture.jvmArgs(),
                pool.name(), "correct");
        run.report().assertNoProblems();
    }

    @ParameterizedTest
    @EnumSource(ExecutorStackFixture.Pool.class)
    void leakyTasksGiveABleedCountedLikeTheOracleAndATaskLeak(ExecutorStackFixture.Pool pool) throws Exception {
        assumeTrue(Runtime.version().feature() >= pool.since(), pool + " needs JDK " + pool.since());
        ChildStack run = ChildStack.run(pool + ", leaky", ExecutorStackFixture.class, ExecutorStackFixture.jvmArgs(),
                pool.name(), "leaky");
        String set = SourceLines.site(SourceLines.testSources(), USER, "store", "leak: user set");
        String read = SourceLines.site(SourceLines.testSources(), USER, "read", "leak: user read");
        run.report().assertBleed(set, read, run.oracle("users"));
        if (pool.threadPerTask()) {
            // a value left on a thread that ends with its one task is seen by no other task: no finding to make
            assertEquals(0, run.oracle("users").bleedingReads(), "a new thread per task, yet a task read another's user");
            run.report().assertNoProblems();
        } else {
            run.report().assertLeftBehind(Kind.TASK_LEAK, set);
        }
    }
}
