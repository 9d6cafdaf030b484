package io.localdrop.agent.options;

import java.util.List;
import java.util.Random;

/**
 * Random agent option strings for the property tests: mostly well-formed pairs of real keys with good,
 * near-good and garbage values, some mutated, some wholly random text, with line breaks, control and
 * non-ASCII characters. Report paths stay relative or name places that cannot be written (parsing touches no
 * file, but a generator that could point elsewhere would be a trap for whoever reuses it).
 */
final class RandomOptions {
    private static final List<String> KEYS = AgentOptions.KNOWN_KEYS;
    private static final String[][] GOOD = {
        {"diagnose", "enforce", "off"},
        {"r.json", "sub/dir/r.json", "./x.json"},
        {"10ms", "50ms", "30s", "5m", "720h"},
        {"com.acme.", "org.example.Foo", "a;b.c", "io.localdrop.it"},
        {"com.acme.internal", "x", "a.b;c.d"},
        {"abort", "log"},
        {"1", "4", "64"},
        {"true", "false"},
        {"a.B#run", "com.acme.Worker$Job#handle;a.b.C#d"},
        {"quiet", "info", "debug"},
    };
    private static final String[] NEAR = {"", " ", "0", "-1", "65", "9ms", "721h", "99999999h", "5", "soon", "OFF",
        "Foo#run", "a.B#", "#run", "a..b", "/proc/x.json", "/dev/null/r.json", ";", ";;", "a.B#r()", "1com", "x/y",
        "+5", "\u0665", "true,", "=", "a=b", "\u00e9t\u00e9", "\u200b"};
    private static final String ALPHABET = "abcXYZ019.,;#=/ _$-+\t\n\r\u0085\u2028\u00e9\u4e2d\u200b\u0665\\\"'";

    private RandomOptions() {
    }

    /** One option string. */
    static String next(Random random) {
        int shape = random.nextInt(10);
        if (shape == 0) {
            return randomText(random, random.nextInt(40));
        }
        StringBuilder out = new StringBuilder();
        int pairs = 1 + random.nextInt(4);
        for (int i = 0; i < pairs; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(pair(random));
        }
        String text = out.toString();
        return shape == 1 ? mutate(random, text) : text;
    }

    private static String pair(Random random) {
        int k = random.nextInt(KEYS.size() + 1);
        String key = k == KEYS.size() ? randomText(random, 1 + random.nextInt(6)) : KEYS.get(k);
        String value;
        int kind = random.nextInt(10);
        if (k < GOOD.length && kind < 6) { // options added later than GOOD's rows get near and random values
            String[] good = GOOD[k];
            value = good[random.nextInt(good.length)];
        } else if (kind < 9) {
            value = NEAR[random.nextInt(NEAR.length)];
        } else {
            value = randomText(random, random.nextInt(12));
        }
        if ("report".equals(key) && (value.startsWith("/") && !value.startsWith("/proc/") && !value.startsWith("/dev/null/")
                || value.contains(".."))) {
            value = "r.json";
        }
        String spaces = random.nextInt(8) == 0 ? " " : "";
        return spaces + key + spaces + "=" + spaces + value;
    }

    private static String mutate(Random random, String text) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = out.length() == 0 ? 0 : random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0:
                    out.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    break;
                case 1:
                    if (out.length() > 0) {
                        out.deleteCharAt(at);
                    }
                    break;
                default:
                    if (out.length() > 0) {
                        out.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
            }
        }
        String mutated = out.toString();
        // a mutation must not turn a relative report path into one elsewhere on this machine
        return mutated.contains("report") && (mutated.contains("/") || mutated.contains("..")) && !mutated.contains("/proc/")
                ? text : mutated;
    }

    private static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
