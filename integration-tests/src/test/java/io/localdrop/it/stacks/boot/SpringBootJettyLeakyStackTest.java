package io.localdrop.it.stacks.boot;

/**
 * {@link SpringBootLeakyStackTest} on Jetty 12 ({@code stack-apps/spring-boot-jetty-app}): the same leaks,
 * found on Jetty's {@code QueuedThreadPool} workers (named {@code qtp<hash>-<n>}), whose requests end where
 * Jetty's connection hands the worker back, not where Tomcat's would; and the connections left on two workers
 * are in the final report when Jetty's pool stops during Spring Boot's graceful shutdown.
 */
class SpringBootJettyLeakyStackTest extends SpringBootLeakyStackTest {

    @Override
    BootStack.Server server() {
        return BootStack.Server.JETTY;
    }

    @Override
    String workerPrefix() {
        return "qtp";
    }

    @Override
    String name() {
        return "Spring Boot (Jetty platform workers), leaky";
    }
}
