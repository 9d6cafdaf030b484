package io.localdrop.benchmarks.enforce;

import io.localdrop.internal.BridgeProtocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One platform thread started, storing three AutoCloseable values in three plain ThreadLocals (rewritten sets), and
 * joined: under diagnose the exit reports them (EXIT_LEAK), under enforce it also closes them, last stored first.
 * The subclasses only choose the fork's agent options, so the two are measured by the same code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class ExitWorkload {
    static final ThreadLocal<Resource> FIRST = new ThreadLocal<>();
    static final ThreadLocal<Resource> SECOND = new ThreadLocal<>();
    static final ThreadLocal<Resource> THIRD = new ThreadLocal<>();
    static volatile long closes;

    private final Runnable body = new Runnable() {
        @Override
        public void run() {
            FIRST.set(new Resource());
            SECOND.set(new Resource());
            THIRD.set(new Resource());
        }
    };

    @Setup
    public void checkAgent() {
        try {
            Class.forName(BridgeProtocol.CLASS_NAME, false, null);
        } catch (ClassNotFoundException absent) {
            throw new IllegalStateException("the agent is not active in this fork: refusing to measure");
        }
    }

    @Benchmark
    public long exitWithThreeCloseables() throws InterruptedException {
        Thread thread = new Thread(body);
        thread.start();
        thread.join();
        return closes;
    }

    /** A trivial resource: its close is the agent's cost, not the resource's. */
    static final class Resource implements AutoCloseable {
        @Override
        public void close() {
            closes++;
        }
    }
}
