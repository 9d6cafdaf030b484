package io.localdrop;

import io.localdrop.internal.Config;
import io.localdrop.internal.ThreadRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules 7 and 8 for a key first used after the thread's exit pass, in the same exit: what an agent feature's
 * handler does (an enforce {@code close()} runs after the runtime's pass). The bridge then calls the runtime once
 * more; here the wrapped thread's own end is that second call, after an explicit first pass.
 */
class KeysAfterTheExitPassTest {

    @AfterEach
    void restoreDefaults() {
        System.clearProperty(Config.MAX_DESTRUCTOR_ROUNDS);
        Config.reload();
    }

    private static OwnedKey<String> recording(String name, List<String> destroyed) {
        return OwnedKey.named(name, () -> name, value -> destroyed.add(value + " on " + Thread.currentThread().getName()));
    }

    @Test
    void rule07AKeyFirstUsedAfterTheExitPassIsDestroyedByTheNextPassOfTheSameExit() throws Exception {
        List<String> destroyed = Threads.record();
        OwnedKey<String> first = recording("first", destroyed);
        OwnedKey<String> late = recording("late", destroyed);
        Threads.runWrapped("exiting", () -> {
            first.get();
            ThreadRecord.current().destroyAll(true);
            late.get();
        });
        assertEquals(List.of("first on exiting", "late on exiting"), destroyed);
    }

    @Test
    void rule08AKeyFirstUsedAfterTheExitPassCountsAsTheNextGenerationAndIsLeakedPastTheBound() throws Exception {
        System.setProperty(Config.MAX_DESTRUCTOR_ROUNDS, "1");
        Config.reload();
        List<String> destroyed = Threads.record();
        OwnedKey<String> first = recording("first", destroyed);
        OwnedKey<String> late = recording("late", destroyed);
        try (CapturedWarnings warnings = new CapturedWarnings()) {
            Threads.runWrapped("bounded", () -> {
                first.get();
                ThreadRecord.current().destroyAll(true);
                late.get();
            });
            assertEquals(List.of("first on bounded"), destroyed);
            List<String> messages = warnings.messages();
            assertEquals(1, messages.size(), messages.toString());
            assertTrue(messages.get(0).contains("thread 'bounded' leaked 1 value(s) initialized beyond maxDestructorRounds=1"
                    + " without destroying them: keys [late]"), messages.toString());
        }
    }
}
