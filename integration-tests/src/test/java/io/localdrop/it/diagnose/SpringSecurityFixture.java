package io.localdrop.it.diagnose;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Spring Security's SecurityContextHolder set by one task and never cleared: the next task on the thread
 * runs as the previous task's user (spring-projects/spring-security#6856).
 */
public final class SpringSecurityFixture {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        OnEachThread.run(pool, 2, () -> {
            SecurityContext context = new SecurityContextImpl(
                    new UsernamePasswordAuthenticationToken("alice", "secret"));
            SecurityContextHolder.setContext(context); // spring-set
            return null;
        });
        List<String> users = OnEachThread.run(pool, 2, () -> {
            SecurityContext context = SecurityContextHolder.getContext(); // spring-get
            return context.getAuthentication() == null ? "anonymous" : String.valueOf(context.getAuthentication().getName());
        });
        System.out.println("second tasks ran as: " + users);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
