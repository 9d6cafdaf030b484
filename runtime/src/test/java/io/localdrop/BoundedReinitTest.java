package io.localdrop;

import io.localdrop.internal.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule 8: values initialized by destructors are destroyed up to maxDestructorRounds generations, then leaked with one warning. */
class BoundedReinitTest {

    @AfterEach
    void restoreDefaults() {
        System.clearProperty(Config.MAX_DESTRUCTOR_ROUNDS);
        Config.reload();
    }

    /** Each destructor creates a brand-new key and initializes it: an endless chain without the bound. */
    private static OwnedKey<Integer> chainKey(int generation, List<Integer> destroyed) {
        return OwnedKey.named("chain-" + generation, () -> generation, value -> {
            destroyed.add(value);
            chainKey(generation + 1, destroyed).get();
        });
    }

    @Test
    void rule08DynamicKeysStopAfterDefaultBoundWithOneWarningNamingTheLeakedKey() throws Exception {
        List<Integer> destroyed = Threads.record();
        try (CapturedWarnings warnings = new CapturedWarnings()) {
            Threads.runWrapped("chain-thread", () -> chainKey(1, destroyed).get());
            assertEquals(List.of(1, 2, 3, 4), destroyed, "generations 1..4 are destroyed, generation 5 is leaked");
            List<String> messages = warnings.messages();
            assertEquals(1, messages.size(), messages.toString());
            String warning = messages.get(0);
            assertTrue(warning.startsWith("WARNING"), warning);
            assertTrue(warning.contains("chain-5") && warning.contains("chain-thread")
                    && warning.contains("maxDestructorRounds=4"), warning);
        }
    }

    @Test
    void rule08BoundComesFromTheSystemProperty() throws Exception {
        System.setProperty(Config.MAX_DESTRUCTOR_ROUNDS, "2");
        Config.reload();
        List<Integer> destroyed = Threads.record();
        try (CapturedWarnings warnings = new CapturedWarnings()) {
            Threads.runWrapped("t", () -> chainKey(1, destroyed).get());
            assertEquals(List.of(1, 2), destroyed);
            assertTrue(warnings.messages().get(0).contains("chain-3"), warnings.messages().toString());
        }
    }

    @Test
    void rule08KeysReinitializingEachOtherUnderDestroyAllTerminate() throws Exception {
        AtomicInteger destructions = new AtomicInteger();
        AtomicReference<OwnedKey<String>> a = new AtomicReference<>();
        AtomicReference<OwnedKey<String>> b = new AtomicReference<>();
        a.set(OwnedKey.named("ping", () -> "a", v -> {
            destructions.incrementAndGet();
            b.get().get();
        }));
        b.set(OwnedKey.named("pong", () -> "b", v -> {
            destructions.incrementAndGet();
            a.get().get();
        }));
        try (CapturedWarnings warnings = new CapturedWarnings()) {
            Threads.runWrapped("t", () -> {
                a.get().get();
                Localdrop.destroyAll(); // keys become UNINITIALIZED, so each destructor re-initializes the other
                assertEquals(KeyState.UNINITIALIZED, a.get().state());
                assertEquals(KeyState.UNINITIALIZED, b.get().state());
            });
            assertEquals(4, destructions.get(), "four generations destroyed, the fifth leaked");
            assertEquals(1, warnings.messages().size(), warnings.messages().toString());
            assertTrue(warnings.messages().get(0).contains("ping"), warnings.messages().toString());
        }
    }
}
