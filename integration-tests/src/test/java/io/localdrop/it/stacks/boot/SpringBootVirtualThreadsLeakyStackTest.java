package io.localdrop.it.stacks.boot;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * {@link LeakyBootStack} with {@code spring.threads.virtual.enabled=true} (JDK 21+): Tomcat runs each
 * connection's work on a new virtual thread, so a value can reach a later request only where one virtual
 * thread serves several requests (keep-alive); the oracle counts what really happened, whatever it is.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class SpringBootVirtualThreadsLeakyStackTest extends LeakyBootStack {

    @Override
    boolean virtualThreads() {
        return true;
    }

    @Override
    String name() {
        return "Spring Boot (virtual threads), leaky";
    }
}
