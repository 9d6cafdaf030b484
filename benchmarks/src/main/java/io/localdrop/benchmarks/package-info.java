/**
 * JMH benchmarks of the runtime and of the agent's thread-exit cost. Every measurement has its baseline in
 * the same run ({@code ThreadLocal.get}; the same JVM without the agent), and {@code scripts/bench.sh}
 * prints each as a ratio to it. {@code docs/benchmarks.md} says what each one measures.
 */
package io.localdrop.benchmarks;
