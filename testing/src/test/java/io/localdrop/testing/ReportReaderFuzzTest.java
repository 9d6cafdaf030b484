package io.localdrop.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever text or bytes {@link LeakReport} is given (the golden report mutated, cut, spliced;
 * random bytes), it returns a report or throws the documented {@link IllegalArgumentException} with a
 * message; never another exception, never a {@link StackOverflowError}, never a hang (the timeout is a
 * guard against a loop, not a measure). Seeded: a failure names its case and can be replayed.
 */
class ReportReaderFuzzTest {
    static final long SEED = 0x5eed_2026L;
    static final int CASES = 10_000;
    private static final String PIECES = "{}[],:\"\\ \n\t0123456789-+.eEtrufalsn\u00e9\u0000";

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void mutatedReportsGiveAReportOrAClearError() throws IOException {
        String golden = LeakReportTest.golden();
        Random random = new Random(SEED);
        int parsed = 0;
        for (int i = 0; i < CASES; i++) {
            String text = mutate(random, golden);
            try {
                LeakReport.parse(text);
                parsed++;
            } catch (IllegalArgumentException clear) {
                assertClear(clear, i);
            } catch (RuntimeException | Error other) {
                fail("case " + i + " of seed " + SEED + " threw " + other + " for:\n" + text, other);
            }
        }
        // some mutations (inside a string, a digit for a digit) leave a valid report: both outcomes are tried
        assertTrue(parsed > 0 && parsed < CASES, "parsed " + parsed + " of " + CASES);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void randomBytesInAFileGiveAClearError(@TempDir Path dir) throws IOException {
        Random random = new Random(SEED + 1);
        byte[] golden = LeakReportTest.golden().getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("report.json");
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes;
            if (random.nextBoolean()) {
                bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
            } else {
                bytes = golden.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            Files.write(file, bytes);
            try {
                LeakReport.read(file);
            } catch (IllegalArgumentException clear) {
                assertClear(clear, i);
                assertTrue(clear.getMessage().startsWith(file.toString()), clear.getMessage());
            } catch (RuntimeException | Error other) {
                fail("bytes case " + i + " of seed " + (SEED + 1) + " threw " + other, other);
            }
        }
    }

    private static void assertClear(IllegalArgumentException clear, int i) {
        String message = clear.getMessage();
        assertTrue(message != null && !message.isBlank(), "case " + i + ": an error without a message");
    }

    /** One to four edits of the golden text: a character inserted, deleted or replaced, a cut, a splice, deep nesting. */
    private static String mutate(Random random, String text) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
            int at = random.nextInt(out.length() + 1);
            switch (random.nextInt(7)) {
                case 0:
                    out.insert(at, PIECES.charAt(random.nextInt(PIECES.length())));
                    break;
                case 1:
                    if (at < out.length()) {
                        out.deleteCharAt(at);
                    }
                    break;
                case 2:
                    if (at < out.length()) {
                        out.setCharAt(at, PIECES.charAt(random.nextInt(PIECES.length())));
                    }
                    break;
                case 3:
                    out.setLength(at);
                    break;
                case 4:
                    int from = random.nextInt(text.length());
                    out.insert(at, text, from, Math.min(text.length(), from + random.nextInt(80)));
                    break;
                case 5:
                    out.insert(at, (random.nextBoolean() ? "[" : "{\"a\":").repeat(random.nextInt(50_000)));
                    break;
                default:
                    out.insert(at, "\\u" + Integer.toHexString(random.nextInt(0x10000)));
            }
            if (out.length() == 0) {
                break;
            }
        }
        return out.toString();
    }
}
