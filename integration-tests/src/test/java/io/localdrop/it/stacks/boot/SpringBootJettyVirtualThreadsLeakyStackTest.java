package io.localdrop.it.stacks.boot;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * {@link SpringBootVirtualThreadsLeakyStackTest} on Jetty 12: Jetty runs its jobs on virtual threads, so a
 * value reaches a later request only where one virtual thread serves several; the oracle counts what happened.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class SpringBootJettyVirtualThreadsLeakyStackTest extends SpringBootVirtualThreadsLeakyStackTest {

    @Override
    BootStack.Server server() {
        return BootStack.Server.JETTY;
    }

    @Override
    String name() {
        return "Spring Boot (Jetty, virtual threads), leaky";
    }
}
