package io.localdrop.agent.health;

/**
 * A test-only switch that breaks one named place of the agent on purpose, so that a test can prove a
 * failure there is recorded, reported and never reaches the application: system property
 * {@code localdrop.test.failIn} holds the places, separated by {@code ,}. Read once, when this class is
 * first used; without the property every check is a read of one false constant.
 *
 * <p>The places: {@link #REPORT_FINDING} (taking one finding into the report).
 */
public final class FaultSwitch {
    /** The system property naming the places to break. */
    public static final String PROPERTY = "localdrop.test.failIn";
    /** Taking a finding into the report: the finding is left out and the failure recorded. */
    public static final String REPORT_FINDING = "report-finding";

    private static final String PLACES = places();

    private FaultSwitch() {
    }

    /**
     * Throws when the test switch names {@code place}.
     *
     * @throws IllegalStateException saying that it was asked for
     */
    public static void check(String place) {
        if (PLACES != null && (',' + PLACES + ',').contains(',' + place + ',')) {
            throw new IllegalStateException("failure injected by -D" + PROPERTY + "=" + PLACES);
        }
    }

    private static String places() {
        try {
            String value = System.getProperty(PROPERTY);
            return value == null || value.isEmpty() ? null : value;
        } catch (SecurityException denied) {
            // under a SecurityManager that denies reading properties there is no test switch: production behaviour
            return null;
        }
    }
}
