package io.localdrop.it.stacks.boot;

/**
 * {@link SpringBootCorrectStackTest} on Spring Boot 4.0 ({@code stack-apps/spring-boot4-app}): the same application
 * and traffic on Tomcat 11, Spring Framework 7, Spring Security 7 and Jackson 3. Zero WARNING/ERROR.
 */
class SpringBoot4CorrectStackTest extends SpringBootCorrectStackTest {

    @Override
    BootStack.Server server() {
        return BootStack.Server.BOOT4_TOMCAT;
    }

    @Override
    String name() {
        return "Spring Boot 4 (Tomcat 11 platform workers), correct";
    }
}
