/**
 * The Spring Boot application of the real-stack tests ({@code stack-apps/spring-boot-app}) as a benchmark,
 * driven by {@code scripts/springboot-bench.sh}: its start-up with and without the agent is timed by the
 * script itself; {@link io.localdrop.benchmarks.springboot.LoadClient} is the request-throughput client, plain
 * sockets on loopback so that nothing but the JDK is needed and the client's own cost stays small and fixed.
 */
package io.localdrop.benchmarks.springboot;
