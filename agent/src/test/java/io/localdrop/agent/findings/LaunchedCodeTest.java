package io.localdrop.agent.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LaunchedCodeTest {

    /** What the application class loader gives a class of that entry as its code source location. */
    private static String codeSourceOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().toString();
    }

    @Test
    void aMainClassInAJarOfTheClassPathGivesThatJarAsItsCodeSourceNamesIt() {
        // JUnit's Test annotation stands in for a main class packaged as a jar among other jars
        assertEquals(codeSourceOf(Test.class), LaunchedCode.workOut(Test.class.getName() + " some args"));
    }

    @Test
    void aMainClassInAClassesDirectoryGivesThatDirectory() {
        assertEquals(codeSourceOf(LaunchedCodeTest.class), LaunchedCode.workOut(LaunchedCodeTest.class.getName()));
    }

    @Test
    void theJarOfDashJarIsGivenAsACodeSourceNamesIt() throws Exception {
        Path jar = Path.of(Test.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path relative = Path.of("").toAbsolutePath().relativize(jar);
        assertEquals(codeSourceOf(Test.class), LaunchedCode.workOut(relative + " --server.port=0"));
        assertEquals(codeSourceOf(Test.class), LaunchedCode.workOut(jar.toString()));
    }

    @Test
    void nothingIsLaunchedCodeWithoutACommandOrForAClassNoLoaderHas() {
        assertEquals("", LaunchedCode.workOut(null));
        assertEquals("", LaunchedCode.workOut("  "));
        assertEquals("", LaunchedCode.workOut("com.example.NoSuchMain"));
    }

    @Test
    void theEntryOfAClassFileUrl() {
        assertEquals("file:/srv/app/app.jar", LaunchedCode.entryOf("jar:file:/srv/app/app.jar!/com/x/Main.class", "com/x/Main.class"));
        assertEquals("file:/srv/app/classes/", LaunchedCode.entryOf("file:/srv/app/classes/com/x/Main.class", "com/x/Main.class"));
        assertEquals("", LaunchedCode.entryOf("jrt:/java.base/java/lang/Object.class", "com/x/Main.class"));
    }
}
