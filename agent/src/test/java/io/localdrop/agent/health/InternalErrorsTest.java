package io.localdrop.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recorder: counts every failure, keeps the distinct ones, prints the first of each at info, every one at debug. */
class InternalErrorsTest {
    private final PrintStream originalErr = System.err;

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        InternalErrors.clear();
        InternalErrors.setVerbosity(1);
    }

    @Test
    void atInfoTheFirstOfEachDistinctFailureIsOneLine() {
        String stderr = capture(1, () -> {
            InternalErrors.record("detector: a", new IllegalStateException("first\nsecond line"));
            InternalErrors.record("detector: a", new IllegalStateException("again"));
            InternalErrors.record("detector: a", new IllegalArgumentException("other type"));
            InternalErrors.record("detector: b", null);
        });
        assertEquals(List.of(
                "localdrop: internal error in detector: a: java.lang.IllegalStateException: first second line"
                        + " (counted in the report; log=debug shows every one)",
                "localdrop: internal error in detector: a: java.lang.IllegalArgumentException: other type"
                        + " (counted in the report; log=debug shows every one)",
                "localdrop: internal error in detector: b: unknown (counted in the report; log=debug shows every one)"),
                List.of(stderr.split("\n")));
        assertEquals(4, InternalErrors.total());
        assertEquals(3, InternalErrors.distinct().size());
        long countOfA = InternalErrors.distinct().stream()
                .filter(e -> e.where().equals("detector: a") && e.type().equals("java.lang.IllegalStateException"))
                .findFirst().get().count();
        assertEquals(2, countOfA);
    }

    @Test
    void atDebugEveryOneWithItsTraceAtQuietNone() {
        String debug = capture(2, () -> {
            InternalErrors.record("x", new IllegalStateException("one"));
            InternalErrors.record("x", new IllegalStateException("two"));
        });
        assertEquals(2, debug.split("localdrop: internal error in x").length - 1, debug);
        assertTrue(debug.contains("\tat "), debug);
        InternalErrors.clear();
        assertEquals("", capture(0, () -> InternalErrors.record("x", new IllegalStateException("quiet"))));
        assertEquals(1, InternalErrors.total());
    }

    private static String capture(int verbosity, Runnable body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            InternalErrors.setVerbosity(verbosity);
            body.run();
        } finally {
            System.setErr(previous);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
