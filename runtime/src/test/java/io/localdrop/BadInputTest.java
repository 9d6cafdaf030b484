package io.localdrop;

import io.localdrop.internal.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Null arguments, null values and bad settings give the contract's errors, naming the key or the property. */
class BadInputTest {

    @AfterEach
    void restoreDefaults() {
        System.clearProperty(Config.ON_DESTRUCTOR_FAILURE);
        System.clearProperty(Config.MAX_DESTRUCTOR_ROUNDS);
        Config.reload();
    }

    @Test
    void nullFactoryArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> OwnedKey.withInitial(null));
        assertThrows(NullPointerException.class, () -> OwnedKey.withInitial(() -> "v", null));
        assertThrows(NullPointerException.class, () -> OwnedKey.named(null, () -> "v", v -> { }));
        NullPointerException noInit = assertThrows(NullPointerException.class, () -> OwnedKey.named("conn", null, v -> { }));
        assertTrue(noInit.getMessage().contains("'conn'"), noInit.getMessage());
        NullPointerException noDestructor = assertThrows(NullPointerException.class, () -> OwnedKey.named("conn", () -> "v", null));
        assertTrue(noDestructor.getMessage().contains("'conn'"), noDestructor.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OwnedKey.named(" ", () -> "v", v -> { }));
        assertThrows(NullPointerException.class, () -> ScopedKey.named(null));
        assertThrows(IllegalArgumentException.class, () -> ScopedKey.named(""));
    }

    @Test
    void nullValuesAreRejectedNamingTheKey() throws Exception {
        OwnedKey<String> key = OwnedKey.named("session", () -> null, v -> { });
        Threads.runWrapped("t", () -> {
            NullPointerException fromInit = assertThrows(NullPointerException.class, key::get);
            assertTrue(fromInit.getMessage().contains("'session'"), fromInit.getMessage());
            assertEquals(KeyState.UNINITIALIZED, key.state());
            NullPointerException fromSet = assertThrows(NullPointerException.class, () -> key.set(null));
            assertTrue(fromSet.getMessage().contains("'session'"), fromSet.getMessage());
            assertThrows(NullPointerException.class, () -> key.replace(null));
            assertEquals(KeyState.UNINITIALIZED, key.state());
        });
    }

    @Test
    void unknownFailurePolicyFailsAtFirstUseNamingPropertyValueAndAcceptedValues() {
        System.setProperty(Config.ON_DESTRUCTOR_FAILURE, "ignore");
        Config.reload();
        Supplier<String> init = () -> "v";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> OwnedKey.withInitial(init));
        assertEquals("localdrop: system property localdrop.onDestructorFailure has the value 'ignore'; accepted values: abort, log",
                error.getMessage());
    }

    @Test
    void badMaxDestructorRoundsFailsNamingPropertyValueAndRange() {
        for (String bad : new String[] {"0", "65", "four", ""}) {
            System.setProperty(Config.MAX_DESTRUCTOR_ROUNDS, bad);
            Config.reload();
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> OwnedKey.named("k", () -> "v", v -> { }));
            assertEquals("localdrop: system property localdrop.maxDestructorRounds has the value '" + bad
                    + "'; accepted values: an integer from 1 to 64", error.getMessage());
        }
        System.setProperty(Config.MAX_DESTRUCTOR_ROUNDS, "64");
        Config.reload();
        OwnedKey.named("k", () -> "v", v -> { });
    }

    @Test
    void nullActionsAndTasksAreRejected() {
        OwnedKey<String> key = OwnedKey.named("k", () -> "v", v -> { });
        assertThrows(NullPointerException.class, () -> key.with(null));
        assertThrows(NullPointerException.class, () -> key.tryWith(null));
        assertThrows(NullPointerException.class, () -> Localdrop.wrap(null));
        assertThrows(NullPointerException.class, () -> Localdrop.threadFactory(null));
    }

    @Test
    void installWithoutTheAgentJarSaysWhatIsMissing() {
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class, Localdrop::install);
        assertTrue(error.getMessage().contains("localdrop-agent.jar"), error.getMessage());
    }
}
