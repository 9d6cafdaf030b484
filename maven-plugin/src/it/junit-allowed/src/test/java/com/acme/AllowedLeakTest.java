package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.localdrop.testing.AllowThreadLocalLeak;
import io.localdrop.testing.Kind;
import io.localdrop.testing.NoThreadLocalLeaks;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The leak of leak-fails, accepted in the test with a reason: the test passes, and so does check. */
@NoThreadLocalLeaks
@AllowThreadLocalLeak(kind = Kind.BLEED, threadLocal = "com.acme.RequestContext.USER",
        reason = "ACME-42: the legacy login filter never clears it")
@AllowThreadLocalLeak(kind = Kind.TASK_LEAK, threadLocal = "com.acme.RequestContext", reason = "ACME-42: same")
class AllowedLeakTest {

    @Test
    void theSecondRequestSeesTheFirstUser() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> RequestContext.USER.set("alice")).get();
            assertEquals("alice", pool.submit(() -> RequestContext.USER.get()).get());
        } finally {
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }
}
