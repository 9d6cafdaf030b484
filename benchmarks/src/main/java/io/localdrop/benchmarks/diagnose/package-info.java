/**
 * What mode=diagnose costs, each figure next to its baseline in the same run (scripts/bench-diagnose.sh):
 * rewritten ThreadLocal get/set against plain ones in the same JVM, a thread pool whose every task uses
 * ThreadLocals with and without the agent, loading every class of a large class path with and
 * without the agent, and what the JFR events cost: a rewritten set and a task end that records a finding, without
 * the agent and under it with no recording, a recording with the io.localdrop events off, and one with them on. The agent-on forks find the jar at {@code agent/target/localdrop-agent.jar}, relative
 * to the directory JMH runs in (the repository root), or at {@code -Dlocaldrop.agent.jar} when set.
 */
package io.localdrop.benchmarks.diagnose;
