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

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own share of a thread's end, without the thread: three AutoCloseable values stored with rewritten sets,
 * then the bridge's event for a ThreadLocal wipe (what JDK 25 sends before emptying a ForkJoin worker's maps), which
 * runs the same handlers' closing as an exit but lets the thread go on. Under enforce that is reading the maps,
 * ordering and closing the three values, and reading the maps again; under diagnose, the wipe bookkeeping. Starting
 * and joining a thread, which this leaves out, costs tens of microseconds on these machines, so the difference of the
 * two subclasses, divided by that, is enforce's share of an exit (ExitWorkload measures the whole, but thread
 * creation's noise on a busy machine can drown the difference).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class HandlerWorkload {
    static final ThreadLocal<ExitWorkload.Resource> FIRST = new ThreadLocal<>();
    static final ThreadLocal<ExitWorkload.Resource> SECOND = new ThreadLocal<>();
    static final ThreadLocal<ExitWorkload.Resource> THIRD = new ThreadLocal<>();
    private MethodHandle event;

    @Setup
    public void findBridge() throws ReflectiveOperationException {
        Class<?> bridge = Class.forName(BridgeProtocol.CLASS_NAME, false, null);
        event = MethodHandles.publicLookup().findStatic(bridge, "onThreadEvent",
                MethodType.methodType(void.class, int.class));
    }

    @Benchmark
    public void storeThreeThenWipeEvent() throws Throwable {
        FIRST.set(new ExitWorkload.Resource());
        SECOND.set(new ExitWorkload.Resource());
        THIRD.set(new ExitWorkload.Resource());
        event.invokeExact(1);
    }
}
