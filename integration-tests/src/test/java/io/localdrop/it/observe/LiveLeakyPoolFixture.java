package io.localdrop.it.observe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The leaky example kept alive: runs LeakyPool to its end (its pool shut down), prints {@value #READY}, then
 * waits for a line on stdin (or its end) before returning, so a test can ask for the live report in between
 * and compare it with the final report written at exit. With the argument {@code later} it first prints
 * {@value #READY} and waits for a line before LeakyPool is even loaded (an agent loaded in between sees it all).
 */
public final class LiveLeakyPoolFixture {
    static final String READY = "LEAKY POOL WAITING";

    private LiveLeakyPoolFixture() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (args.length > 0 && args[0].equals("later")) {
            ready();
            stdin.readLine();
        }
        Class.forName("io.localdrop.examples.LeakyPool").getMethod("main", String[].class)
                .invoke(null, (Object) new String[0]);
        ready();
        stdin.readLine();
    }

    private static void ready() {
        System.out.println(READY);
        System.out.flush();
    }
}
