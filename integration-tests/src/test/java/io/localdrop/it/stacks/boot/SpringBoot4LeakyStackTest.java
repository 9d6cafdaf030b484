package io.localdrop.it.stacks.boot;

/**
 * {@link SpringBootLeakyStackTest} on Spring Boot 4.0 ({@code stack-apps/spring-boot4-app}, Tomcat 11): the same
 * leaks, counts and graceful-shutdown EXIT_LEAK.
 */
class SpringBoot4LeakyStackTest extends SpringBootLeakyStackTest {

    @Override
    BootStack.Server server() {
        return BootStack.Server.BOOT4_TOMCAT;
    }

    @Override
    String name() {
        return "Spring Boot 4 (Tomcat 11 platform workers), leaky";
    }
}
