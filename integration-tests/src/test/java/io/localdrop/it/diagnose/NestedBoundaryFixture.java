package io.localdrop.it.diagnose;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One pool task that handles three requests in a row, as a hand-written connection loop would: with option
 * {@code taskBoundary=...NestedBoundaryFixture#handle} each is a task of its own, although the pool's task encloses
 * them all, so the anonymous requests that read the signed-in user of an earlier one are bleeds.
 */
public final class NestedBoundaryFixture {
    private NestedBoundaryFixture() {
    }

    /** One request: a sign-in (leaky) or an anonymous question; returns the answer. */
    public static String handle(String user) {
        return user != null ? SignedInUser.login(user, true) : SignedInUser.whoami();
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        String[] answers = pool.submit(() -> new String[] {handle("alice"), handle(null), handle(null)}).get();
        pool.shutdown();
        int bleeding = 0;
        for (int i = 1; i < answers.length; i++) {
            bleeding += answers[i].equals(SignedInUser.ANONYMOUS) ? 0 : 1;
        }
        System.out.println("bleeding reads: " + bleeding);
    }
}
