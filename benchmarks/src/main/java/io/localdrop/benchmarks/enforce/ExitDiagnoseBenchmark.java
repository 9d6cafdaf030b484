package io.localdrop.benchmarks.enforce;

import org.openjdk.jmh.annotations.Fork;

/** The baseline: the same thread exit under mode=diagnose (values reported, not closed). */
@Fork(value = 2, jvmArgsAppend = {"-javaagent:agent/target/localdrop-agent.jar=mode=diagnose,log=quiet"})
public class ExitDiagnoseBenchmark extends ExitWorkload {
}
