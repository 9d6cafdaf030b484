package io.localdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows of docs/architecture.md: localdrop-testing depends on the runtime and reads the report
 * format; it never links to the agent (users do not put the agent jar on their class path).
 */
class ModuleBoundaryTest {

    @Test
    void noClassOfThisModuleReferencesTheAgent() throws IOException, URISyntaxException {
        Path classes = Path.of(LeakReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        assertTrue(files.size() > 5, "found the module's classes in " + classes);
        List<String> offenders = files.stream().filter(ModuleBoundaryTest::mentionsTheAgent)
                .map(Path::toString).collect(Collectors.toList());
        assertEquals(List.of(), offenders);
    }

    private static boolean mentionsTheAgent(Path classFile) {
        try {
            // class names appear as modified-UTF-8 constants, so a plain byte search finds any reference
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("io/localdrop/agent");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
