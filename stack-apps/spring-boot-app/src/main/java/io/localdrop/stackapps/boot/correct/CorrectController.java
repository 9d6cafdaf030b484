package io.localdrop.stackapps.boot.correct;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The correct endpoints; each answers, as JSON, what it read from per-thread state. */
@RestController
public class CorrectController {

    private static final Logger LOG = LoggerFactory.getLogger(CorrectController.class);

    private final AsyncJob asyncJob;

    CorrectController(AsyncJob asyncJob) {
        this.asyncJob = asyncJob;
    }

    /** What a handler saw: its thread, the id it was asked for, and what the per-thread state said. */
    public record Seen(String thread, String asked, String requestScope, String mdc, String principal) {
    }

    @GetMapping("/correct/request")
    public Seen request(@RequestParam("id") String id) {
        String scoped = RequestScope.requestId();
        String mdc = MDC.get(RequestScopeFilter.MDC_KEY);
        LOG.info("served request {}", id);
        return new Seen(Thread.currentThread().getName(), id, scoped, mdc, null);
    }

    /** Hands a job to the application's task executor; answers what the job saw (requestScope: its id). */
    @GetMapping("/correct/async")
    public Seen async(@RequestParam("id") String id) throws Exception {
        String[] seen = asyncJob.run(id).get();
        return new Seen(seen[0], id, seen[1], seen[3], seen[2]);
    }

    @GetMapping("/correct/secure/me")
    public Seen me(@RequestParam("id") String id) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String principal = authentication == null ? null : authentication.getName();
        return new Seen(Thread.currentThread().getName(), id, RequestScope.requestId(),
                MDC.get(RequestScopeFilter.MDC_KEY), principal);
    }
}
