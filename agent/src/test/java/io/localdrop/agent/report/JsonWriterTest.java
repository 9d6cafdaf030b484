package io.localdrop.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The streaming writer: commas, layout and escapes are its business, and misuse is refused. */
class JsonWriterTest {
    @Test
    void placesCommasAndLinesItself() {
        JsonWriter json = new JsonWriter(64);
        json.beginObject().field("a", 1).name("b").beginInlineObject().field("c", "d").field("e", (String) null).endObject()
                .strings("f", List.of("x", "y")).strings("g", List.of()).name("h").beginArray().value(true).value(2)
                .endArray().name("i").beginArray().endArray().name("j").beginInlineObject().endObject().endObject();
        assertEquals("{\n  \"a\": 1,\n  \"b\": { \"c\": \"d\", \"e\": null },\n  \"f\": [\"x\", \"y\"],\n  \"g\": [],\n"
                + "  \"h\": [\n    true,\n    2\n  ],\n  \"i\": [],\n  \"j\": {}\n}\n", json.finish());
    }

    @Test
    void everythingInsideAnInlineContainerIsInline() {
        JsonWriter json = new JsonWriter(64);
        json.beginInlineArray().beginObject().field("a", 1).endObject().beginArray().value("b").endArray().endArray();
        assertEquals("[{ \"a\": 1 }, [\"b\"]]\n", json.finish());
    }

    @Test
    void stringsAreEscapedToValidJsonAndUtf8() {
        JsonWriter json = new JsonWriter(64);
        json.value("q\" b\\ n\n r\r t\t \u0001 \u001f \u2028\u2029 \ud83d\ude00 lone \ud800 \udc00 end\ud83d");
        assertEquals("\"q\\\" b\\\\ n\\n r\\r t\\t \\u0001 \\u001f \\u2028\\u2029 \ud83d\ude00 lone \\ud800 \\udc00 end\\ud83d\"\n",
                json.finish());
    }

    @Test
    void misuseIsRefused() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter(8).beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter(8).beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter(8).beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter(8).beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter(8).beginObject().finish());
        assertThrows(IllegalStateException.class, () -> new JsonWriter(8).value(1).value(2));
        assertThrows(IllegalStateException.class, () -> new JsonWriter(8).finish());
    }
}
