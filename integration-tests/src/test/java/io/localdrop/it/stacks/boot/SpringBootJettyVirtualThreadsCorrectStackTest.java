package io.localdrop.it.stacks.boot;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** {@link SpringBootJettyCorrectStackTest} with {@code spring.threads.virtual.enabled=true} (Jetty on virtual threads; JDK 21+). */
@EnabledForJreRange(min = JRE.JAVA_21)
class SpringBootJettyVirtualThreadsCorrectStackTest extends SpringBootJettyCorrectStackTest {

    @Override
    boolean virtualThreads() {
        return true;
    }

    @Override
    String name() {
        return "Spring Boot (Jetty, virtual threads), correct";
    }
}
