package io.localdrop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules 13 to 15 of docs/runtime-rules.md. */
class ScopedKeyRulesTest {
    private final ScopedKey<String> user = ScopedKey.named("user");

    @Test
    void rule13BindingLastsForTheOperationAndNestedBindingsShadow() {
        List<String> seen = new ArrayList<>();
        user.run("alice", () -> {
            seen.add(user.get());
            user.run("bob", () -> seen.add(user.get()));
            seen.add(user.get());
            seen.add(user.call("carol", () -> user.with(String::toUpperCase)));
            seen.add(user.get());
        });
        assertEquals(List.of("alice", "bob", "alice", "CAROL", "alice"), seen);
        assertFalse(user.isSet());
    }

    @Test
    void rule13PreviousBindingIsRestoredWhenTheOperationThrows() {
        user.run("outer", () -> {
            assertThrows(IllegalStateException.class, () -> user.run("inner", () -> {
                throw new IllegalStateException("fails");
            }));
            assertEquals("outer", user.get());
            assertThrows(IllegalStateException.class, () -> user.call("inner", () -> {
                throw new IllegalStateException("fails");
            }));
            assertEquals("outer", user.get());
        });
        assertFalse(user.isSet());
    }

    @Test
    void rule14BindingIsInvisibleToStartedThreadsAndSubmittedTasks() throws Exception {
        AtomicReference<Boolean> inThread = new AtomicReference<>();
        AtomicReference<Boolean> inTask = new AtomicReference<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            user.run("alice", () -> {
                Thread child = new Thread(() -> inThread.set(user.isSet()));
                child.start();
                try {
                    child.join();
                    inTask.set(pool.submit(user::isSet).get());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        } finally {
            pool.shutdown();
        }
        assertEquals(Boolean.FALSE, inThread.get());
        assertEquals(Boolean.FALSE, inTask.get());
    }

    @Test
    void rule15UnboundAccessThrowsNamingTheKeyAndTheQueriesNeverThrow() {
        NoSuchElementException error = assertThrows(NoSuchElementException.class, user::get);
        assertTrue(error.getMessage().contains("'user'"), error.getMessage());
        assertThrows(NoSuchElementException.class, () -> user.with(String::length));
        assertFalse(user.isSet());
        assertEquals("fallback", user.orElse("fallback"));
        assertNull(user.orElse(null));
        user.run("alice", () -> assertEquals("alice", user.orElse("fallback")));
    }

    @Test
    void rule15NullValuesAreRejected() {
        NullPointerException error = assertThrows(NullPointerException.class, () -> user.run(null, () -> { }));
        assertTrue(error.getMessage().contains("'user'"), error.getMessage());
        assertThrows(NullPointerException.class, () -> user.call(null, () -> 1));
        assertThrows(NullPointerException.class, () -> user.run("v", null));
        assertFalse(user.isSet());
    }

    @Test
    void generatedNamesPointAtTheCreatingLine() {
        ScopedKey<String> anonymous = ScopedKey.newInstance();
        assertTrue(anonymous.name().startsWith("ScopedKey@io.localdrop.ScopedKeyRulesTest.generatedNamesPointAtTheCreatingLine(ScopedKeyRulesTest.java:"),
                anonymous.name());
    }
}
