package io.localdrop.stackapps.boot.correct;

import java.util.concurrent.CompletableFuture;

import org.slf4j.MDC;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;

/** An {@code @Async} job handed what it needs as an argument, as it should be: it sees no request's per-thread state. */
@Service
public class AsyncJob {

    /** The id it was given, and whether it saw request attributes or an MDC entry (it should see neither). */
    @Async
    public CompletableFuture<String[]> run(String id) {
        boolean attributes = RequestContextHolder.getRequestAttributes() != null;
        String mdc = MDC.get(RequestScopeFilter.MDC_KEY);
        return CompletableFuture.completedFuture(new String[] {Thread.currentThread().getName(), id,
                attributes ? "request attributes" : null, mdc});
    }
}
