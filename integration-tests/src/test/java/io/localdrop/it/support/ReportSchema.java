package io.localdrop.it.support;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report format as a contract: {@code docs/report-format.schema.json} (JSON Schema draft 2020-12), checked
 * against every report the tests read through the shared readers ({@code Diagnosed}, the observe tests), so
 * a change to the writer that leaves the documented format fails where the report is produced.
 */
public final class ReportSchema {
    /** Surefire runs each module in its own directory: docs/ is beside it. */
    public static final Path SCHEMA = Paths.get(System.getProperty("basedir", "."), "..", "docs", "report-format.schema.json");

    private static volatile JsonSchema schema;

    private ReportSchema() {
    }

    /** The problems of {@code json} against the schema; empty when it conforms. */
    public static Set<String> problems(String json) {
        Set<ValidationMessage> messages = schema().validate(json, InputFormat.JSON);
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Fails with every problem and the report unless {@code json} conforms. */
    public static String assertValid(String json) {
        Set<String> problems = problems(json);
        if (!problems.isEmpty()) {
            throw new AssertionError("the report does not conform to " + SCHEMA.normalize() + ":\n  "
                    + String.join("\n  ", problems) + "\n--- report ---\n" + json);
        }
        return json;
    }

    private static JsonSchema schema() {
        JsonSchema loaded = schema;
        if (loaded == null) {
            try {
                loaded = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(SCHEMA));
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read " + SCHEMA, unreadable);
            }
            schema = loaded;
        }
        return loaded;
    }
}
