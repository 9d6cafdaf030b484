package io.localdrop.it.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.helpers.BasicMDCAdapter;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A signed-in user in an {@link InheritableThreadLocal}, and a pool whose workers are made while it is set: a pool
 * makes a worker on the thread that submits a job while it has fewer than its core size, so a request that hands
 * the first jobs to it makes the workers, and they start with a copy of the request's user. The request signs out;
 * every later job runs for nobody, reads the user, and sees the request's. Prints "stale reads: N", the jobs that saw
 * a user though nobody signed in for them. args[0]:
 * <ul>
 *   <li>{@code leaky}: the application's own InheritableThreadLocal;</li>
 *   <li>{@code spring-security}: Spring Security's {@code MODE_INHERITABLETHREADLOCAL}, the same through
 *       {@code SecurityContextHolder};</li>
 *   <li>{@code slf4j-mdc}: slf4j's {@code BasicMDCAdapter} (the MDC of slf4j's JDK-logging and simple bindings), whose
 *       workers inherit a copy of the request's map; the request removes its key from its own;</li>
 *   <li>{@code correct}: the pool's workers are made before anybody signs in, so they inherit nothing;</li>
 *   <li>{@code closeable}: the main thread keeps its own connection (an AutoCloseable) in an InheritableThreadLocal
 *       while it makes the pool, whose workers inherit the very same object; prints "creator's connection closed: 1"
 *       if anything closed it before the main thread did (mode=enforce must not: it is not the workers').</li>
 * </ul>
 */
public final class InheritedContextFixture {
    static final InheritableThreadLocal<String> USER = new InheritableThreadLocal<>();
    static final int LATER_JOBS = 12;
    static final BasicMDCAdapter MDC = new BasicMDCAdapter();

    static void signIn(String user) {
        USER.set(user); // sign-in
    }

    static String currentUser() {
        return USER.get(); // current-user
    }

    static void signOut() {
        USER.remove();
    }

    static final InheritableThreadLocal<Connection> CONNECTION = new InheritableThreadLocal<>();

    /** A resource of the main thread's own. */
    static final class Connection implements AutoCloseable {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "leaky";
        if (mode.equals("closeable")) {
            closeable();
            return;
        }
        boolean spring = mode.equals("spring-security");
        boolean mdc = mode.equals("slf4j-mdc");
        if (spring) {
            SecurityContextHolder.setStrategyName(SecurityContextHolder.MODE_INHERITABLETHREADLOCAL);
        } else if (!mdc && !mode.equals("leaky") && !mode.equals("correct")) {
            throw new IllegalArgumentException("mode must be leaky, spring-security, slf4j-mdc or correct, not " + mode);
        }
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        if (mode.equals("correct")) {
            pool.prestartAllCoreThreads();
        }
        // a request: signs in, hands two jobs to the pool (which makes its workers now, in the leaky modes), signs out
        Thread request = new Thread(() -> {
            if (spring) {
                SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("alice", "pw")); // request: spring sign-in
            } else if (mdc) {
                MDC.put("user", "alice"); // request: mdc put
            } else {
                signIn("alice");
            }
            try {
                CountDownLatch both = new CountDownLatch(2);
                List<Future<?>> jobs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    jobs.add(pool.submit(() -> {
                        both.countDown(); // both held until both run: two workers
                        both.await(10, TimeUnit.SECONDS);
                        return null;
                    }));
                }
                for (Future<?> job : jobs) {
                    job.get();
                }
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            } finally {
                if (spring) {
                    SecurityContextHolder.clearContext();
                } else if (mdc) {
                    MDC.remove("user");
                } else {
                    signOut();
                }
            }
        }, "request");
        request.start();
        request.join();
        int stale = 0;
        List<Future<Boolean>> later = new ArrayList<>();
        for (int i = 0; i < LATER_JOBS; i++) {
            later.add(pool.submit(() -> spring ? SecurityContextHolder.getContext().getAuthentication() != null
                    : mdc ? MDC.get("user") != null : currentUser() != null));
        }
        for (Future<Boolean> job : later) {
            stale += job.get() ? 1 : 0;
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("stale reads: " + stale);
    }

    private static void closeable() throws Exception {
        Connection mine = new Connection();
        CONNECTION.set(mine); // the main thread's own, kept while it works
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Boolean>> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(pool.submit(() -> CONNECTION.get() != null));
        }
        for (Future<Boolean> job : jobs) {
            job.get();
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("creator's connection closed: " + (mine.closed ? 1 : 0));
        CONNECTION.remove();
        mine.close();
    }
}
