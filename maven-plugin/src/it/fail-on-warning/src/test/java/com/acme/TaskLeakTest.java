package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A request leaves its user on the pooled thread; no later request reads it: a TASK_LEAK (WARNING) only. */
class TaskLeakTest {

    @Test
    void aRequestLeavesItsUserBehind() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> RequestContext.USER.set("alice")).get();
        } finally {
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }
}
