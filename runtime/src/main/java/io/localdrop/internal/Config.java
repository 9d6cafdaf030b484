package io.localdrop.internal;

/**
 * The runtime's two settings, read from system properties on first use and checked there: a bad
 * value fails every use until it is fixed, with a message naming the property, the value and what
 * is accepted. The agent passes its options {@code onDestructorFailure} and {@code maxDestructorRounds}
 * through the same properties.
 */
public final class Config {
    public static final String ON_DESTRUCTOR_FAILURE = "localdrop.onDestructorFailure";
    public static final String MAX_DESTRUCTOR_ROUNDS = "localdrop.maxDestructorRounds";
    public static final int MAX_ROUNDS_LIMIT = 64;
    public static final int DEFAULT_ROUNDS = 4;

    private static volatile Boolean abortOnFailure;
    private static volatile int maxRounds;

    private Config() {
    }

    /** Checks both settings now; throws {@link IllegalArgumentException} naming the bad one. */
    public static void validate() {
        abortOnFailure();
        maxDestructorRounds();
    }

    /** Rule 9: {@code abort} (default) or {@code log}. */
    public static boolean abortOnFailure() {
        Boolean abort = abortOnFailure;
        if (abort == null) {
            abort = parsePolicy(System.getProperty(ON_DESTRUCTOR_FAILURE));
            abortOnFailure = abort;
        }
        return abort;
    }

    /** Rule 8: 1..64, default 4. */
    public static int maxDestructorRounds() {
        int rounds = maxRounds;
        if (rounds == 0) {
            rounds = parseRounds(System.getProperty(MAX_DESTRUCTOR_ROUNDS));
            maxRounds = rounds;
        }
        return rounds;
    }

    /** Forgets the cached settings so the next use reads the properties again (tests, agent start). */
    public static void reload() {
        abortOnFailure = null;
        maxRounds = 0;
    }

    static boolean parsePolicy(String value) {
        if (value == null || value.equals("abort")) {
            return true;
        }
        if (value.equals("log")) {
            return false;
        }
        throw new IllegalArgumentException("localdrop: system property " + ON_DESTRUCTOR_FAILURE + " has the value '"
                + value + "'; accepted values: abort, log");
    }

    static int parseRounds(String value) {
        if (value == null) {
            return DEFAULT_ROUNDS;
        }
        try {
            int rounds = Integer.parseInt(value.trim());
            if (rounds >= 1 && rounds <= MAX_ROUNDS_LIMIT) {
                return rounds;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException("localdrop: system property " + MAX_DESTRUCTOR_ROUNDS + " has the value '"
                + value + "'; accepted values: an integer from 1 to " + MAX_ROUNDS_LIMIT);
    }
}
