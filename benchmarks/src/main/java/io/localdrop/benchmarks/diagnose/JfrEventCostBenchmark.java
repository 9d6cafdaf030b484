package io.localdrop.benchmarks.diagnose;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the JFR events cost (docs/observability.md, "Cost"): a rewritten {@code set} and a task end that records a
 * finding, each without the agent (the baseline), and under the agent (mode=diagnose) with no recording, with a
 * recording whose io.localdrop events are disabled, and with one that enables them ({@link JfrRecordingState}).
 * One method per configuration, since each needs its own fork.
 *
 * <p>{@code set*}: {@link RewrittenAccess#set} storing the same value each time (no JFR code is on this path;
 * the rows show that a recording does not make it dearer). {@code taskEnd*}: per task of {@link LeakyTaskWorkload},
 * the hand-off to a pool thread, a rewritten set left behind, and under the agent the task-end scan, which records
 * a TASK_LEAK occurrence and tells the Finding event (committed at the 1st, 2nd, 4th... occurrence when wanted).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JfrEventCostBenchmark {
    private static final String AGENT = "-javaagent:agent/target/localdrop-agent.jar=log=quiet";
    private static final String NO_AGENT = "-Dlocaldrop.bench.expectAgent=false";
    private static final String EVENTS_OFF = "-D" + JfrRecordingState.PROPERTY + "=off";
    private static final String EVENTS_ON = "-D" + JfrRecordingState.PROPERTY + "=on";

    private final ThreadLocal<Object> threadLocal = new ThreadLocal<>();
    private final Object value = new Object();
    private final JfrRecordingState recording = new JfrRecordingState();
    private LeakyTaskWorkload tasks;
    private boolean taskEndRun;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        boolean expectAgent = Boolean.parseBoolean(System.getProperty("localdrop.bench.expectAgent", "true"));
        if (SiteHookBenchmark.agentActive() != expectAgent) {
            throw new IllegalStateException("the agent is " + (expectAgent ? "not " : "")
                    + "active in this fork: refusing to measure");
        }
        tasks = new LeakyTaskWorkload();
        recording.start();
    }

    /**
     * The set* methods' value removed at the end of each iteration, which is a task on JMH's pool: as a correct handler
     * does. Left, it is a TASK_LEAK at the first iteration's end, after which every store into it takes the leak's
     * path (its store recorded in the thread's trail), which is not what these rows compare.
     */
    @TearDown(Level.Iteration)
    public void removeAfterTheIteration() {
        threadLocal.remove();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        tasks.close();
        long findingEvents = recording.stop();
        // a recording that wants the events must have got some from the task ends (the set alone records no
        // finding), and one that disables them none
        if (recording.eventsWanted() && taskEndRun && findingEvents == 0) {
            throw new IllegalStateException("a recording with io.localdrop.Finding enabled got no event");
        }
        if (!recording.eventsWanted() && findingEvents != 0) {
            throw new IllegalStateException("a recording with io.localdrop.Finding disabled got " + findingEvents);
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = NO_AGENT)
    public void setWithoutAgent() {
        RewrittenAccess.set(threadLocal, value);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = AGENT)
    public void setNoRecording() {
        RewrittenAccess.set(threadLocal, value);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {AGENT, EVENTS_OFF})
    public void setRecordingEventsOff() {
        RewrittenAccess.set(threadLocal, value);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {AGENT, EVENTS_ON})
    public void setRecordingEventsOn() {
        RewrittenAccess.set(threadLocal, value);
    }

    @Benchmark
    @OperationsPerInvocation(LeakyTaskWorkload.TASKS)
    @Fork(value = 1, jvmArgsAppend = NO_AGENT)
    public int taskEndWithoutAgent() throws InterruptedException {
        return taskEnd();
    }

    @Benchmark
    @OperationsPerInvocation(LeakyTaskWorkload.TASKS)
    @Fork(value = 1, jvmArgsAppend = AGENT)
    public int taskEndNoRecording() throws InterruptedException {
        return taskEnd();
    }

    @Benchmark
    @OperationsPerInvocation(LeakyTaskWorkload.TASKS)
    @Fork(value = 1, jvmArgsAppend = {AGENT, EVENTS_OFF})
    public int taskEndRecordingEventsOff() throws InterruptedException {
        return taskEnd();
    }

    @Benchmark
    @OperationsPerInvocation(LeakyTaskWorkload.TASKS)
    @Fork(value = 1, jvmArgsAppend = {AGENT, EVENTS_ON})
    public int taskEndRecordingEventsOn() throws InterruptedException {
        return taskEnd();
    }

    private int taskEnd() throws InterruptedException {
        taskEndRun = true;
        return tasks.run();
    }
}
