package io.localdrop.it.stacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the lines the suite expects in findings: the application's lines that end with a marker comment
 * ({@code // leak: user set}), so that editing an application never silently moves an expectation.
 */
public final class SourceLines {

    private SourceLines() {
    }

    /** The sources of integration-tests' own fixtures. */
    public static Path testSources() {
        return Path.of("src/test/java");
    }

    /** The sources of the Spring Boot application (system property {@code localdrop.stacks.bootSources}). */
    public static Path bootSources() {
        return Path.of(System.getProperty("localdrop.stacks.bootSources", "../stack-apps/spring-boot-app/src/main/java"));
    }

    /**
     * The stack-trace form {@code pkg.Class.method(Class.java:N)} of the line of {@code type}'s source (under
     * {@code root}) that ends with {@code // marker}.
     */
    public static String site(Path root, String type, String method, String marker) {
        String file = type.substring(type.lastIndexOf('.') + 1);
        int nested = file.indexOf('$');
        if (nested >= 0) {
            file = file.substring(0, nested);
        }
        String outer = type.contains("$") ? type.substring(0, type.indexOf('$')) : type;
        Path source = root.resolve(outer.replace('.', '/') + ".java");
        return type + "." + method + "(" + file + ".java:" + lineOf(source, marker) + ")";
    }

    static int lineOf(Path source, String marker) {
        try {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith("// " + marker)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.toAbsolutePath(), e);
        }
        throw new AssertionError("no line ending with // " + marker + " in " + source.toAbsolutePath());
    }
}
