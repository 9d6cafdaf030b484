package io.localdrop.benchmarks.enforce;

import org.openjdk.jmh.annotations.Fork;

/** {@link HandlerWorkload} under mode=enforce: the three values are closed by the event. */
@Fork(value = 2, jvmArgsAppend = {"-javaagent:agent/target/localdrop-agent.jar=mode=enforce,log=quiet"})
public class HandlerEnforceBenchmark extends HandlerWorkload {
}
