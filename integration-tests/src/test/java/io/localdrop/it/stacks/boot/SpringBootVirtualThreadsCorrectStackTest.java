package io.localdrop.it.stacks.boot;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** {@link SpringBootCorrectStackTest} with {@code spring.threads.virtual.enabled=true} (Tomcat on virtual threads; JDK 21+). */
@EnabledForJreRange(min = JRE.JAVA_21)
class SpringBootVirtualThreadsCorrectStackTest extends SpringBootCorrectStackTest {

    @Override
    boolean virtualThreads() {
        return true;
    }

    @Override
    String name() {
        return "Spring Boot (virtual threads), correct";
    }
}
