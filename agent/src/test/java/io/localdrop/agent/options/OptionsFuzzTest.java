package io.localdrop.agent.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Property: any option string gives either options or a {@link BadOptionException} whose message is one
 * line starting with {@code localdrop: }; never another exception. Options that parse print back (their
 * {@code toString}) to a string that parses to the same options. Seeded, so a failure names its input and
 * can be replayed.
 */
class OptionsFuzzTest {
    static final long SEED = 0x10ca1d409L;
    static final int CASES = 20_000;

    @Test
    void anyOptionStringParsesOrGivesOneLine() {
        Random random = new Random(SEED);
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            String arguments = RandomOptions.next(random);
            try {
                AgentOptions options = AgentOptions.parse(arguments);
                parsed++;
                assertEquals(options.given(), AgentOptions.parse(options.toString()).given(), () -> "round trip of " + quoted(arguments));
            } catch (BadOptionException bad) {
                rejected++;
                assertOneLine(bad.getMessage(), arguments);
            } catch (RuntimeException | Error other) {
                fail("case " + i + " of seed " + SEED + ": " + quoted(arguments) + " threw " + other, other);
            }
        }
        // both outcomes must be well represented, or the generator tests nothing
        assertTrue(parsed > CASES / 10, "parsed " + parsed);
        assertTrue(rejected > CASES / 10, "rejected " + rejected);
    }

    static void assertOneLine(String message, String arguments) {
        assertTrue(message != null && message.startsWith("localdrop: "), () -> quoted(arguments) + ": " + message);
        for (int c = 0; c < message.length(); c++) {
            char ch = message.charAt(c);
            if (Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029') {
                fail(quoted(arguments) + " gave a message with a line break or control character: " + quoted(message));
            }
        }
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
