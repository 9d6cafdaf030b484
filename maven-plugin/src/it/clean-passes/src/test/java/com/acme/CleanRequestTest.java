package com.acme;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same two requests as leak-fails, but the first clears the user when it ends. */
class CleanRequestTest {

    @Test
    void theSecondRequestSeesNoUser() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> {
                RequestContext.USER.set("alice");
                try {
                    return RequestContext.USER.get();
                } finally {
                    RequestContext.USER.remove();
                }
            }).get();
            assertNull(pool.submit(() -> RequestContext.USER.get()).get());
        } finally {
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void prepareAgentNamesTheAgentJarForContainers() {
        String jar = System.getProperty("localdrop.agent.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "localdrop.agent.jar = " + jar);
    }
}
