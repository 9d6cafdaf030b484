/**
 * The real-stack acceptance suite (issue 9, "Acceptance"): real servers and pools, each run once with
 * correct code and once with leaky code, under {@code mode=diagnose}. Three checks per stack: correct code
 * gives no WARNING or ERROR finding (CACHE is fine); leaky code gives the expected kind naming the
 * application's storing and reading lines; and the finding's count equals the number of bleeding reads that
 * an oracle, independent of the agent, counted from what the application itself saw.
 *
 * <p>{@code boot/}: a Spring Boot fat jar ({@code stack-apps/spring-boot-app}) in a {@code localdrop/jdk}
 * container, driven over HTTP by keep-alive clients. {@code tomcat/}: embedded Tomcat in a child JVM.
 * {@code pools/}: the JDK's executors in child JVMs. docs/real-stacks.md says how to run one stack alone.
 */
package io.localdrop.it.stacks;
