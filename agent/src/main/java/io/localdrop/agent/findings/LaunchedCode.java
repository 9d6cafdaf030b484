package io.localdrop.agent.findings;

import io.localdrop.agent.health.InternalErrors;

import java.io.File;
import java.net.URL;

/**
 * The code source the application was launched from, for {@link Stacks}: the jar of {@code java -jar app.jar},
 * or the class path entry that holds the main class of {@code java -cp app.jar:lib/* com.example.Main}. A
 * project packaged as a jar among the jars of its libraries has its own code there, so a frame from there is
 * the application's own as a frame from a classes directory is: an MDC leak then names the application's
 * {@code MDC.put} line rather than slf4j's facade, the first frame outside logback's jar.
 *
 * <p>Worked out once, on the first slow path that asks (never at start-up), from the JVM's own
 * {@code sun.java.command}. The main class is looked up as a resource of the system class loader only when that
 * loader is the JDK's own (defined by the bootstrap loader), so no application code runs and no class is loaded.
 * A Spring Boot fat jar's launch jar holds only its launcher; its application classes are a nested classes
 * directory, which {@link Stacks#isApplicationCode} already knows.
 */
final class LaunchedCode {
    private static final String NONE = "";
    /** The location text as a class's code source gives it; {@link #NONE} when there is none; null until worked out. */
    private static volatile String launched;

    private LaunchedCode() {
    }

    /** Whether {@code location} (a code source location's text) is where the application was launched from. */
    static boolean isLaunchedCode(String location) {
        String known = launched;
        if (known == null) {
            known = workOut(System.getProperty("sun.java.command"));
            launched = known; // a race computes the same text twice
        }
        return location != null && !known.isEmpty() && known.equals(location);
    }

    /**
     * The launch location for a {@code sun.java.command} value: its first word is the jar of {@code -jar} or the main
     * class. Package-private for tests.
     */
    static String workOut(String command) {
        try {
            if (command == null || command.isBlank()) {
                return NONE;
            }
            String first = command.strip().split(" ", 2)[0];
            if (first.regionMatches(true, first.length() - 4, ".jar", 0, 4)) {
                // the application class loader's code source for a class path entry: the canonical file as a file URL
                return new File(first).getCanonicalFile().toURI().toURL().toString();
            }
            ClassLoader system = ClassLoader.getSystemClassLoader();
            if (system == null || system.getClass().getClassLoader() != null) {
                return NONE; // -Djava.system.class.loader: the application's own loader, whose code the agent never calls
            }
            String resource = first.replace('.', '/') + ".class";
            URL url = system.getResource(resource);
            return url == null ? NONE : entryOf(url.toString(), resource);
        } catch (Throwable unavailable) {
            InternalErrors.record("findings: launch location", unavailable);
            return NONE;
        }
    }

    /** The class path entry of a class file's URL: {@code jar:file:/a/app.jar!/x/Main.class} gives {@code file:/a/app.jar}. */
    static String entryOf(String url, String resource) {
        if (url.startsWith("jar:")) {
            int bang = url.indexOf("!/");
            return bang < 0 ? NONE : url.substring("jar:".length(), bang);
        }
        return url.endsWith(resource) ? url.substring(0, url.length() - resource.length()) : NONE;
    }
}
