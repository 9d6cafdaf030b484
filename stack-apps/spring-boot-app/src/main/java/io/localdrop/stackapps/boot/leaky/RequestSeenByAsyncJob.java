package io.localdrop.stackapps.boot.leaky;

import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** An {@code @Async} job that reads the request attributes it runs with, as code that trusts them would. */
@Service
public class RequestSeenByAsyncJob {

    /** The identity of the request attributes this job sees (null: none), and its thread. */
    @Async
    public CompletableFuture<String[]> requestSeen() {
        RequestAttributes seen = RequestContextHolder.getRequestAttributes(); // leak: async request read
        return CompletableFuture.completedFuture(new String[] {Thread.currentThread().getName(),
                seen == null ? null : Integer.toHexString(System.identityHashCode(seen))});
    }
}
