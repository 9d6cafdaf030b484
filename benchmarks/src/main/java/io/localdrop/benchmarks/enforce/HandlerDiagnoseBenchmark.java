package io.localdrop.benchmarks.enforce;

import org.openjdk.jmh.annotations.Fork;

/** Baseline of {@link HandlerWorkload}: mode=diagnose. */
@Fork(value = 2, jvmArgsAppend = {"-javaagent:agent/target/localdrop-agent.jar=mode=diagnose,log=quiet"})
public class HandlerDiagnoseBenchmark extends HandlerWorkload {
}
