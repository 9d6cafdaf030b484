package io.localdrop.it.diagnose;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Two flags with an initial value on a 2-thread pool. A re-entrancy guard that sets TRUE and puts FALSE back
 * around its own work, in every task: never a leak. An {@code isAdmin} flag set TRUE by the login code:
 * {@code correct} removes it in {@code finally}, {@code leaky} does not, and the next request's page code
 * (another class) reads TRUE.
 */
public final class IsAdminFixture {
    static final ThreadLocal<Boolean> IS_ADMIN = ThreadLocal.withInitial(() -> Boolean.FALSE); // admin-created

    public static void main(String[] args) throws Exception {
        boolean leaky = args.length > 0 && args[0].equals("leaky");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int admins = 0;
        for (int round = 0; round < 4; round++) {
            List<Boolean> seen = round % 2 == 0
                    ? OnEachThread.run(pool, 2, () -> Login.login(leaky))
                    : OnEachThread.run(pool, 2, AdminPage::anonymousRequest);
            for (boolean admin : seen) {
                admins += admin ? 1 : 0;
            }
        }
        System.out.println("anonymous requests that saw admin: " + admins);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** The guard: set and reset around its own work. */
    static final class Guard {
        static final ThreadLocal<Boolean> BUSY = ThreadLocal.withInitial(() -> Boolean.FALSE);

        static void around(Runnable work) {
            if (BUSY.get()) {
                return;
            }
            BUSY.set(Boolean.TRUE);
            try {
                work.run();
            } finally {
                BUSY.set(Boolean.FALSE);
            }
        }
    }

    static final class Login {
        static boolean login(boolean leaky) {
            Guard.around(() -> { });
            IS_ADMIN.set(Boolean.TRUE); // admin-set
            try {
                return false;
            } finally {
                if (!leaky) {
                    IS_ADMIN.remove();
                }
            }
        }
    }

    static final class AdminPage {
        static boolean anonymousRequest() {
            Guard.around(() -> { });
            return IS_ADMIN.get(); // admin-read
        }
    }
}
