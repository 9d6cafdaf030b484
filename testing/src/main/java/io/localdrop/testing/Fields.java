package io.localdrop.testing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one JSON object of the report, with errors that name the field, the bad value and
 * what is accepted. Absent optional fields read as null / empty: newer agents may add fields and
 * older ones may omit some, and a reader must not break on either.
 */
final class Fields {

    private final String where;
    private final Map<String, Object> object;

    private Fields(String where, Map<String, Object> object) {
        this.where = where;
        this.object = object;
    }

    @SuppressWarnings("unchecked")
    static Fields of(String where, Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("localdrop report: " + where + " is " + describe(value)
                    + ", expected a JSON object");
        }
        return new Fields(where, (Map<String, Object>) value);
    }

    boolean has(String name) {
        return object.get(name) != null;
    }

    Object raw(String name) {
        return object.get(name);
    }

    String string(String name) {
        Object value = object.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw bad(name, value, "a string");
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw new IllegalArgumentException("localdrop report: " + where + "." + name
                    + " is missing, expected a string");
        }
        return value;
    }

    long number(String name, long absent) {
        Object value = object.get(name);
        if (value == null) {
            return absent;
        }
        if (value instanceof Long) {
            return (Long) value;
        }
        throw bad(name, value, "an integer");
    }

    Instant instant(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(name, value, "an ISO-8601 instant such as 2026-11-22T10:00:00Z");
        }
    }

    /** A JSON array of strings; a single string is accepted as a one-element list. */
    List<String> strings(String name) {
        Object value = object.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String) {
            return List.of((String) value);
        }
        if (!(value instanceof List)) {
            throw bad(name, value, "an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object element : (List<?>) value) {
            if (!(element instanceof String)) {
                throw bad(name, value, "an array of strings");
            }
            out.add((String) element);
        }
        return Collections.unmodifiableList(out);
    }

    List<?> list(String name) {
        Object value = object.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List) {
            return (List<?>) value;
        }
        throw bad(name, value, "an array");
    }

    Fields object(String name) {
        Object value = object.get(name);
        return value == null ? null : of(where + "." + name, value);
    }

    Map<String, Object> asMap() {
        return object;
    }

    private IllegalArgumentException bad(String name, Object value, String accepted) {
        return new IllegalArgumentException("localdrop report: " + where + "." + name + " is " + describe(value)
                + ", expected " + accepted);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "the string \"" + value + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value.toString();
    }
}
