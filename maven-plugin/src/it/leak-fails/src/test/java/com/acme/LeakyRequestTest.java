package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One pooled thread, two requests: the second sees the user of the first (a BLEED). */
class LeakyRequestTest {

    @Test
    void theSecondRequestSeesTheFirstUser() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> RequestContext.USER.set("alice")).get();
            String seen = pool.submit(() -> RequestContext.USER.get()).get();
            assertEquals("alice", seen);
        } finally {
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }
}
