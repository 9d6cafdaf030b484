package io.localdrop.stackapps.boot.leaky;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Makes its request's attributes inheritable, so that "async work sees the request", and hands a job to the
 * application's task executor. The executor's workers are made by the first requests that hand it jobs, and each
 * keeps a copy of that request's attributes: every later job on it reads an earlier request's (whose servlet request
 * the server has recycled since), although this request's are reset at its end by Spring, as they should be.
 */
@RestController
public class LeakyAsyncController {

    private final RequestSeenByAsyncJob job;

    LeakyAsyncController(RequestSeenByAsyncJob job) {
        this.job = job;
    }

    /** What the job saw: "own" (this request's attributes), "other" (another request's) or null (none). */
    @GetMapping("/leaky/async-request")
    public LeakyController.Seen asyncRequest() throws Exception {
        RequestAttributes own = RequestContextHolder.currentRequestAttributes();
        RequestContextHolder.setRequestAttributes(own, true); // leak: inheritable request attributes
        String[] seen = job.requestSeen().get();
        String read = seen[1] == null ? null
                : seen[1].equals(Integer.toHexString(System.identityHashCode(own))) ? "own" : "other";
        return new LeakyController.Seen(seen[0], null, read);
    }
}
