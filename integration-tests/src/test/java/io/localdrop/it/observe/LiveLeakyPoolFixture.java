package io.localdrop.it.observe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The leaky example kept alive: runs LeakyPool to its end (its pool shut down), prints {@value #READY}, then
 * waits for a line on stdin (or its end) before returning, so a test can ask for the live report in between
 * and compare it with the final report written at exit.
 */
public final class LiveLeakyPoolFixture {
    static final String READY = "LEAKY POOL DONE, WAITING";

    private LiveLeakyPoolFixture() {
    }

    public static void main(String[] args) throws Exception {
        io.localdrop.examples.LeakyPool.main(args);
        System.out.println(READY);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
