package io.localdrop.stackapps.boot.leaky;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The leaky endpoints. Each answers what it read from per-thread state, so the suite can count the reads
 * that saw an earlier request's data (its oracle), independently of the agent.
 */
@RestController
public class LeakyController {

    static final String TENANT_KEY = "tenant";
    private static final Logger LOG = LoggerFactory.getLogger(LeakyController.class);

    /** What a handler saw: its thread and the value it read (null: nothing), or what it stored. */
    public record Seen(String thread, String stored, String read) {
    }

    /** Reads the user exactly once; the user came from this request's header, an earlier request's, or nobody. */
    @GetMapping("/leaky/whoami")
    public Seen whoami() {
        return new Seen(Thread.currentThread().getName(), null, LeakyUser.current());
    }

    /** Puts the tenant into the MDC and never removes it; waits for the group's other requests first. */
    @GetMapping("/leaky/tenant")
    public Seen tenant(@RequestParam("tenant") String tenant, @RequestParam("group") String group,
                       @RequestParam("parties") int parties) {
        Rendezvous.await(group, parties);
        MDC.put(TENANT_KEY, tenant); // leak: mdc put
        LOG.info("tenant {} selected", tenant);
        return new Seen(Thread.currentThread().getName(), tenant, null);
    }

    /** Reads the MDC's tenant exactly once and logs with it, as code that trusts the MDC would. */
    @GetMapping("/leaky/log")
    public Seen log() {
        String tenant = MDC.get(TENANT_KEY); // leak: mdc read
        LOG.info("work logged for tenant {}", tenant);
        return new Seen(Thread.currentThread().getName(), null, tenant);
    }

    /** Leaves an open connection on the worker thread; waits for the group's other requests first. */
    @GetMapping("/leaky/connection")
    public Seen connection(@RequestParam("group") String group, @RequestParam("parties") int parties) {
        Rendezvous.await(group, parties);
        WorkerConnection.HELD.set(new WorkerConnection()); // leak: connection set
        return new Seen(Thread.currentThread().getName(), "connection", null);
    }
}
