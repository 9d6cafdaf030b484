package io.localdrop.benchmarks.enforce;

import org.openjdk.jmh.annotations.Fork;

/** The same thread exit under mode=enforce (the three values closed on the exiting thread). Target: <= 1.10x diagnose. */
@Fork(value = 2, jvmArgsAppend = {"-javaagent:agent/target/localdrop-agent.jar=mode=enforce,log=quiet"})
public class ExitEnforceBenchmark extends ExitWorkload {
}
