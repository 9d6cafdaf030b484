package io.localdrop.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The grammar of {@link JsonReader} (RFC 8259, strict) and the errors it gives instead of a value. */
class JsonReaderTest {

    @Test
    void everyKindOfValueComesBackAsTheJavaTypeTheJavadocNames() {
        Object parsed = JsonReader.parse(" {\"a\": 1, \"b\": -2.5e1, \"c\": \"x\\u00e9\\n\", \"d\": [true, false, null],"
                + " \"e\": {}, \"f\": 12345678901234567890}\n");
        Map<?, ?> root = (Map<?, ?>) parsed;
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), List.copyOf(root.keySet()), "insertion order");
        assertEquals(1L, root.get("a"));
        assertEquals(-25.0, root.get("b"));
        assertEquals("x\u00e9\n", root.get("c"));
        assertEquals(Arrays.asList(true, false, null), root.get("d"));
        assertEquals(Map.of(), root.get("e"));
        assertEquals(1.2345678901234567e19, root.get("f"), "integral but beyond a long: a double");
        assertNull(JsonReader.parse("null"));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) parsed).put("g", 1L));
    }

    @Test
    void eachProblemNamesItsLineAndColumn() {
        assertProblem("{\n  \"a\": 01\n}", "line 2, column 9", "leading zero");
        assertProblem("{\"a\": 1, \"a\": 2}", "line 1, column", "\"a\" is given twice");
        assertProblem("[1, 2", "line 1, column 6", "end of text");
        assertProblem("{\"a\": \"\\x\"}", "line 1", "bad escape");
        assertProblem("{\"a\": \"\\u12g4\"}", "line 1", "four hex digits");
        assertProblem("{} {}", "line 1, column 4", "after the JSON value");
        assertProblem("+1", "line 1, column 1", "expected a value");
        assertProblem("\"tab\there\"", "line 1", "control character");
        assertProblem("", "line 1, column 1", "expected a value");
    }

    @Test
    void nestingBeyondTheBoundIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertTrue(JsonReader.parse(deep) instanceof List);
        String deeper = "[".repeat(100_000);
        assertProblem(deeper, "line 1, column " + (JsonReader.MAX_DEPTH + 1), "nested deeper than");
    }

    @Test
    void noTextIsAnErrorThatSaysSo() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(null));
        assertTrue(none.getMessage() != null && !none.getMessage().isEmpty(), String.valueOf(none.getMessage()));
    }

    @Test
    void theReaderIsAsStrictAsRfc8259() {
        String[] bad = {"\"\\u+04F\"", "\"\\u-04F\"", "\"\\u04F\"", "\"\\u\u0660\u0660\u0660\u0660\"", "01", "-01", "00", "+1",
            ".5", "1.", "1e", "1e+", "-", "--1", "0x10", "\"a\u0001b\"", "\"\\x\"", "[1,]", "{\"a\":1,}", "[1 2]",
            "{\"a\" 1}", "{a:1}", "'a'", "\u00a0[]", "\ufeff[]", "[]\u000b", "tru", "nul", "NaN", "Infinity", "{\"a\":1,\"a\":2}",
            "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1)};
        for (String text : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(text), text);
            assertTrue(e.getMessage().startsWith("malformed JSON at line "), e.getMessage());
        }
        String[] good = {"0", "-0", "10", "-1.5e+3", "1E-2", "0.0", "\"\\u004F\\u004f\"", "[[]]", " {\"a\" : [ ] } ",
            "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH)};
        for (String text : good) {
            JsonReader.parse(text);
        }
        assertEquals("OO", JsonReader.parse("\"\\u004F\\u004f\""));
        assertEquals(-1500.0, JsonReader.parse("-1.5e+3"));
    }

    private static void assertProblem(String text, String where, String what) {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(text),
                text);
        String message = problem.getMessage();
        assertTrue(message.contains(where) && message.contains(what), message);
        assertTrue(message.contains("docs/report-format.md"), message);
    }
}
