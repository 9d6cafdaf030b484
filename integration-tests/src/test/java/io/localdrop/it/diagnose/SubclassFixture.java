package io.localdrop.it.diagnose;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * ThreadLocals used through a subclass-typed reference (an InheritableThreadLocal subclass) and an
 * anonymous subclass that overrides get() with super.get() (which must not be rewritten: it would recurse).
 */
public final class SubclassFixture {
    /** A named subclass; call sites below are typed TenantLocal, not ThreadLocal. */
    static final class TenantLocal extends InheritableThreadLocal<String> {
    }

    static final TenantLocal TENANT = new TenantLocal(); // tenant-created
    static final ThreadLocal<StringBuilder> TRACE = new ThreadLocal<>() { // anon-created
        @Override
        public StringBuilder get() {
            StringBuilder trace = super.get();
            return trace;
        }
    };

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.submit(() -> {
            TENANT.set("tenant-1"); // tenant-set
            TRACE.set(new StringBuilder("trace-1")); // anon-set
        }).get();
        String seen = pool.submit(() -> TENANT.get() + "/" + TRACE.get().length()).get();
        System.out.println("second task saw " + seen);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
