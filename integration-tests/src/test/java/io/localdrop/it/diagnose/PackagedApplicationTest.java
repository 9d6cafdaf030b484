package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application packaged as a jar among the jars of its libraries, as {@code java -cp app.jar:lib/* Main} and
 * {@code java -jar app.jar} (with a {@code Class-Path} manifest) run it: {@link LogbackMdcFixture}'s classes in a
 * jar of their own, logback and slf4j as the jars they are. With no classes directory on the stack, the storing
 * stack's {@code appFrame} must still be the application's {@code MDC.put} line, not slf4j's facade (the first frame
 * outside logback's jar), and the BLEED must be counted like the fixture's oracle.
 */
class PackagedApplicationTest {
    private static final String PKG = "io.localdrop.it.diagnose.";
    private static final String MDC_ADAPTER = "ch.qos.logback.classic.util.LogbackMDCAdapter.";

    @TempDir
    static Path directory;
    private static Path appJar;
    private static List<String> libraries;

    @BeforeAll
    static void packTheFixture() throws IOException {
        Path classes = Path.of(System.getProperty("localdrop.fixtures.classes"));
        libraries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                libraries.add(entry); // the test's own classes (a directory) are left out: the fixture is only in the jar
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LogbackMdcFixture.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ",
                libraries.stream().map(jar -> Path.of(jar).toUri().toString()).toList()));
        appJar = directory.resolve("app.jar");
        Path packageDir = classes.resolve(PKG.replace('.', '/'));
        try (OutputStream file = Files.newOutputStream(appJar); JarOutputStream jar = new JarOutputStream(file, manifest);
             Stream<Path> files = Files.list(packageDir)) {
            for (Path type : files.filter(PackagedApplicationTest::isFixtureClass).toList()) {
                jar.putNextEntry(new JarEntry(PKG.replace('.', '/') + type.getFileName()));
                jar.write(Files.readAllBytes(type));
                jar.closeEntry();
            }
        }
    }

    private static boolean isFixtureClass(Path type) {
        String name = type.getFileName().toString();
        return name.startsWith("LogbackMdcFixture") || name.startsWith("OnEachThread");
    }

    @Test
    void onTheClassPathTheApplicationsJarIsWhereItsFramesAre() throws Exception {
        String classPath = appJar + File.pathSeparator + String.join(File.pathSeparator, libraries);
        assertTheLeakNamesTheFixture(Diagnosed.run(ChildJvm.main(LogbackMdcFixture.class).classPath(classPath), "", "leaky"));
    }

    @Test
    void withDashJarTheLaunchedJarIsWhereItsFramesAre() throws Exception {
        assertTheLeakNamesTheFixture(Diagnosed.run(ChildJvm.main("-jar").classPath(""), "", appJar.toString(), "leaky"));
    }

    private static void assertTheLeakNamesTheFixture(Diagnosed run) throws Exception {
        int oracle = run.printed("stale reads: ");
        assertTrue(oracle > 0, run::toString);
        List<Finding> leaks = run.createdIn(Kind.TASK_LEAK, MDC_ADAPTER);
        assertFalse(leaks.isEmpty(), run::toString);
        boolean withStack = false;
        for (Finding leak : leaks) {
            if (!run.rawList(leak, "setStack").isEmpty()) {
                withStack = true;
                // past logback's jar and slf4j's facade (jars both) to the application's jar
                assertTrue(String.valueOf(run.raw(leak, "appFrame")).startsWith(PKG + "LogbackMdcFixture."), run::toString);
            }
        }
        assertTrue(withStack, () -> "no MDC leak has a storing stack\n" + run);
        long bleeds = run.createdIn(Kind.BLEED, MDC_ADAPTER).stream().mapToLong(Finding::count).sum();
        assertEquals(oracle, bleeds, run::toString);
    }
}
