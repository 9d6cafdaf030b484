package io.localdrop.agent.report;

import java.util.List;

/**
 * A streaming JSON writer (RFC 8259) for the report: the writer, not the caller, knows where commas,
 * colons and line breaks go, and it refuses a name outside an object, a value without a name inside one,
 * or an unclosed container. Two layouts: a container begun with {@code begin...} puts each member on its
 * own indented line; one begun with {@code beginInline...} puts its members on one line (and everything
 * inside it too), which keeps small objects and lists of sites readable.
 *
 * <p>Strings are escaped so that the output is valid JSON and valid UTF-8 whatever they hold: quote,
 * backslash and control characters, U+2028/U+2029 (line breaks to JavaScript), and unpaired surrogates
 * (which UTF-8 cannot encode) as {@code \\u} escapes.
 */
public final class JsonWriter {
    private static final int MAX_DEPTH = 16;

    private final StringBuilder out;
    /** Per open container: object or array, inline or not, members so far. */
    private final boolean[] object = new boolean[MAX_DEPTH];
    private final boolean[] inline = new boolean[MAX_DEPTH];
    private final int[] members = new int[MAX_DEPTH];
    private int depth;
    private boolean named;
    private boolean done;

    public JsonWriter(int capacity) {
        out = new StringBuilder(capacity);
    }

    public JsonWriter beginObject() {
        return open(true, false, '{');
    }

    public JsonWriter beginInlineObject() {
        return open(true, true, '{');
    }

    public JsonWriter endObject() {
        return close(true, '}');
    }

    public JsonWriter beginArray() {
        return open(false, false, '[');
    }

    public JsonWriter beginInlineArray() {
        return open(false, true, '[');
    }

    public JsonWriter endArray() {
        return close(false, ']');
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        if (depth == 0 || !object[depth - 1] || named) {
            throw new IllegalStateException("a name belongs directly inside an object, before its value: " + name);
        }
        separate();
        string(name);
        out.append(": ");
        named = true;
        return this;
    }

    /** A string, or {@code null}. */
    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** {@code "name": value}. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    /** {@code "name": "value"} when value is not null; nothing at all otherwise. */
    public JsonWriter fieldIfPresent(String name, String value) {
        return value == null ? this : field(name, value);
    }

    /** {@code "name": ["a", "b"]} on one line. */
    public JsonWriter strings(String name, List<String> values) {
        name(name).beginInlineArray();
        for (int i = 0; i < values.size(); i++) {
            value(values.get(i));
        }
        return endArray();
    }

    /** The text written, ending with a line break; the one root value must be complete. */
    public String finish() {
        if (depth != 0 || !done) {
            throw new IllegalStateException("JSON incomplete: " + depth + " containers open");
        }
        return out.append('\n').toString();
    }

    private JsonWriter open(boolean isObject, boolean isInline, char bracket) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        }
        boolean parentInline = depth > 0 && inline[depth - 1];
        beforeValue();
        out.append(bracket);
        object[depth] = isObject;
        inline[depth] = isInline || parentInline;
        members[depth] = 0;
        depth++;
        done = false;
        return this;
    }

    private JsonWriter close(boolean isObject, char bracket) {
        if (depth == 0 || object[depth - 1] != isObject || named) {
            throw new IllegalStateException("no " + (isObject ? "object" : "array") + " to close here");
        }
        depth--;
        if (members[depth] > 0) {
            if (inline[depth]) {
                out.append(isObject ? " " : "");
            } else {
                newLine(depth);
            }
        }
        out.append(bracket);
        done = depth == 0;
        return this;
    }

    /** Before a value: the separator in an array, nothing after a name, and at most one root value. */
    private void beforeValue() {
        if (depth == 0) {
            if (done) {
                throw new IllegalStateException("a second root value");
            }
            done = true;
            return;
        }
        if (object[depth - 1]) {
            if (!named) {
                throw new IllegalStateException("a value inside an object needs a name first");
            }
            named = false;
        } else {
            separate();
        }
    }

    /** The comma and layout before a member (a name in an object, a value in an array). */
    private void separate() {
        int level = depth - 1;
        boolean first = members[level] == 0;
        members[level]++;
        if (inline[level]) {
            if (!first) {
                out.append(", ");
            } else if (object[level]) {
                out.append(' ');
            }
        } else {
            if (!first) {
                out.append(',');
            }
            newLine(depth);
        }
    }

    private void newLine(int indent) {
        out.append('\n');
        for (int i = 0; i < indent; i++) {
            out.append("  ");
        }
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || unpairedSurrogate(value, i)) {
                        escape(c);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static boolean unpairedSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
        }
        return false;
    }

    private void escape(char c) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((c >> shift) & 15, 16));
        }
    }
}
