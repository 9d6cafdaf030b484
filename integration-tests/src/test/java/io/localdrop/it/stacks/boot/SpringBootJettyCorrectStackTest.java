package io.localdrop.it.stacks.boot;

/**
 * {@link SpringBootCorrectStackTest} on Jetty 12 ({@code stack-apps/spring-boot-jetty-app}): the same
 * application and traffic, Jetty's {@code QueuedThreadPool} workers in place of Tomcat's. Zero WARNING/ERROR.
 */
class SpringBootJettyCorrectStackTest extends SpringBootCorrectStackTest {

    @Override
    BootStack.Server server() {
        return BootStack.Server.JETTY;
    }

    @Override
    String name() {
        return "Spring Boot (Jetty platform workers), correct";
    }
}
