package io.localdrop.agent.cli;

import io.localdrop.agent.report.JsonWriter;

import java.util.List;
import java.util.Map;

/**
 * Writes a parsed report tree (maps, lists, strings, numbers, booleans, null) back as report text through
 * the agent's one {@link JsonWriter}, in the agent's layout: top-level members on their own lines, each
 * finding's members on their own lines, everything smaller on one line.
 */
final class TreeJson {
    private TreeJson() {
    }

    static String write(Map<String, Object> report) {
        JsonWriter json = new JsonWriter(4096);
        json.beginObject();
        for (Map.Entry<String, Object> member : report.entrySet()) {
            json.name(member.getKey());
            Object value = member.getValue();
            if (value instanceof List) {
                boolean findings = "findings".equals(member.getKey());
                json.beginArray();
                for (Object element : (List<?>) value) {
                    if (findings && element instanceof Map) {
                        object(json, (Map<?, ?>) element, false);
                    } else {
                        value(json, element);
                    }
                }
                json.endArray();
            } else {
                value(json, value);
            }
        }
        return json.endObject().finish();
    }

    private static void object(JsonWriter json, Map<?, ?> object, boolean inline) {
        if (inline) {
            json.beginInlineObject();
        } else {
            json.beginObject();
        }
        for (Map.Entry<?, ?> member : object.entrySet()) {
            json.name(String.valueOf(member.getKey()));
            value(json, member.getValue());
        }
        json.endObject();
    }

    /** One value; containers on one line. A report holds no fractions: a non-integral number is refused. */
    private static void value(JsonWriter json, Object value) {
        if (value == null || value instanceof String) {
            json.value((String) value);
        } else if (value instanceof Long || value instanceof Integer) {
            json.value(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            json.value((Boolean) value);
        } else if (value instanceof Map) {
            object(json, (Map<?, ?>) value, true);
        } else if (value instanceof List) {
            json.beginInlineArray();
            for (Object element : (List<?>) value) {
                value(json, element);
            }
            json.endArray();
        } else {
            throw new IllegalArgumentException("a report holds no number like " + value);
        }
    }
}
