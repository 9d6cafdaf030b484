package io.localdrop.agent.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.localdrop.internal.Config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime's system properties are checked at start-up like the options: under enforce, a bad
 * localdrop.maxDestructorRounds was read as the default by the agent's closing at thread exit, without a word.
 */
class RuntimePropertiesTest {
    @AfterEach
    void clear() {
        System.clearProperty(Config.ON_DESTRUCTOR_FAILURE);
        System.clearProperty(Config.MAX_DESTRUCTOR_ROUNDS);
        Config.reload();
    }

    @Test
    void aBadPropertyIsABadOptionNamingItsValueAndTheAcceptedOnes() {
        set(Config.MAX_DESTRUCTOR_ROUNDS, "65");
        assertEquals("localdrop: system property localdrop.maxDestructorRounds has the value '65'; accepted values: an"
                + " integer from 1 to 64 (or give the agent option of the same name, which wins)", refused("mode=enforce"));
        clear();
        set(Config.ON_DESTRUCTOR_FAILURE, "ignore");
        assertEquals("localdrop: system property localdrop.onDestructorFailure has the value 'ignore'; accepted values:"
                + " abort, log (or give the agent option of the same name, which wins)", refused(""));
    }

    @Test
    void theOptionOfTheSameNameWinsSoThePropertyIsNotChecked() {
        set(Config.MAX_DESTRUCTOR_ROUNDS, "65");
        set(Config.ON_DESTRUCTOR_FAILURE, "ignore");
        AgentOptions.parse("maxDestructorRounds=8,onDestructorFailure=log").checkRuntimeProperties();
    }

    @Test
    void goodOrAbsentPropertiesPass() {
        AgentOptions.parse("").checkRuntimeProperties();
        set(Config.MAX_DESTRUCTOR_ROUNDS, " 8 ");
        set(Config.ON_DESTRUCTOR_FAILURE, "log");
        AgentOptions.parse("mode=enforce").checkRuntimeProperties();
    }

    private static void set(String property, String value) {
        System.setProperty(property, value);
        Config.reload();
    }

    private static String refused(String options) {
        return assertThrows(BadOptionException.class, () -> AgentOptions.parse(options).checkRuntimeProperties()).getMessage();
    }
}
