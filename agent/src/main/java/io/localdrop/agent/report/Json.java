package io.localdrop.agent.report;

import java.util.List;

/** The few JSON writing helpers the report needs (no JSON library inside the agent). */
final class Json {
    private Json() {
    }

    static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
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
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    static void strings(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            string(out, values.get(i));
        }
        out.append(']');
    }

    /** {@code "name": "value"} with a leading comma and indentation; skipped when value is null. */
    static void field(StringBuilder out, String indent, String name, String value, boolean first) {
        if (value == null) {
            return;
        }
        if (!first) {
            out.append(",\n");
        }
        out.append(indent);
        string(out, name);
        out.append(": ");
        string(out, value);
    }
}
