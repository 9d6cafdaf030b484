package io.localdrop.it.stacks.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import org.junit.jupiter.api.Test;

/**
 * {@link LeakyBootStack} on Tomcat's platform worker threads, and the shutdown case of issue 9: the
 * connections left on the two workers are still there when Spring Boot's graceful shutdown stops Tomcat and
 * its workers exit, after the JVM began to shut down; the final report must have them (EXIT_LEAK).
 */
class SpringBootLeakyStackTest extends LeakyBootStack {

    static final String WORKER_PREFIX = "http-nio-" + BootStack.PORT + "-exec-";

    @Override
    boolean virtualThreads() {
        return false;
    }

    @Override
    String name() {
        return "Spring Boot (Tomcat platform workers), leaky";
    }

    @Test
    void aConnectionOnAWorkerThatExitsDuringGracefulShutdownIsInTheFinalReport() {
        Finding exit = report.assertLeftBehind(Kind.EXIT_LEAK,
                BootStack.site("leaky.LeakyController", "connection", "leak: connection set"));
        assertEquals(BootStack.APP + "leaky.WorkerConnection", exit.valueType(), exit.describe());
        assertEquals(WORKERS, exit.count(), "one connection left on each worker: " + exit.describe());
        assertTrue(exit.threads().stream().allMatch(t -> t.startsWith(WORKER_PREFIX)), exit.describe());
    }
}
