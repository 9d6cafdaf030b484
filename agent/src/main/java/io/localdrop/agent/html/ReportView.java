package io.localdrop.agent.html;

import io.localdrop.json.JsonReader;

import java.util.List;
import java.util.Map;

/**
 * Typed reads of a parsed report (the page and the tool's text format) ({@link JsonReader}'s maps and lists) that never throw: a field that is
 * missing or of another type reads as empty, so a report from a newer or older agent still renders.
 */
public final class ReportView {
    private ReportView() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object parent, String name) {
        Object value = parent instanceof Map ? ((Map<String, Object>) parent).get(name) : null;
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object parent, String name) {
        Object value = parent instanceof Map ? ((Map<String, Object>) parent).get(name) : null;
        return value instanceof List ? (List<Object>) value : List.of();
    }

    /** A string field, a number or boolean as its text, or null. */
    @SuppressWarnings("unchecked")
    public static String string(Object parent, String name) {
        Object value = parent instanceof Map ? ((Map<String, Object>) parent).get(name) : null;
        return value instanceof String || value instanceof Number || value instanceof Boolean ? String.valueOf(value) : null;
    }

    @SuppressWarnings("unchecked")
    public static long number(Object parent, String name) {
        Object value = parent instanceof Map ? ((Map<String, Object>) parent).get(name) : null;
        return value instanceof Number ? ((Number) value).longValue() : 0;
    }

    /** The strings of an array field (other elements left out). */
    public static List<String> strings(Object parent, String name) {
        List<Object> values = list(parent, name);
        java.util.ArrayList<String> out = new java.util.ArrayList<>(values.size());
        for (Object value : values) {
            if (value instanceof String) {
                out.add((String) value);
            }
        }
        return out;
    }

    /** ERROR before WARNING before INFO before anything else. */
    public static int severityRank(String severity) {
        if ("ERROR".equals(severity)) {
            return 0;
        }
        if ("WARNING".equals(severity)) {
            return 1;
        }
        return "INFO".equals(severity) ? 2 : 3;
    }
}
