package io.localdrop.agent.findings;

import io.localdrop.agent.health.InternalErrors;

import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The caller frames of a site, taken on slow paths only (a store the agent watches, the first bleeding read
 * of a finding): they name the application's own lines that called into a library's ThreadLocal.
 *
 * <p>A stack starts at the rewritten site (its first frame is the {@code setAt}/{@code readAt} line) and goes
 * on until it holds at least one frame outside that site's library, and at least {@link #MIN_FRAMES} frames,
 * never more than {@link #MAX_FRAMES}. "Library" is where the site's class was loaded from: its class loader
 * and code source (jar or directory), never a list of names.
 *
 * <p>The stack's {@link Captured#appFrame} is the first frame of <em>application code</em>: a class loaded from a
 * classes directory rather than from an archive ({@code target/classes}, a web application's
 * {@code WEB-INF/classes}, a Spring Boot fat jar's {@code BOOT-INF/classes}), where a project's own code lives,
 * while the libraries it calls come as jars ({@code BOOT-INF/lib/*.jar}, {@code WEB-INF/lib/*.jar}); or a class
 * from the jar the application was launched from ({@link LaunchedCode}: {@code java -jar app.jar}, or the jar of
 * the main class of {@code java -cp app.jar:lib/* Main}). So an MDC leak names the controller that called
 * {@code MDC.put}, not the slf4j facade between it and logback, and a ThreadLocal of the application's own names
 * its own storing line. Where no frame within reach is application code (the application's classes in a jar other
 * than the launched one, such as a module of a multi-module build), it is the first non-JDK frame outside the site's
 * library.
 */
public final class Stacks {
    /** Frames kept at least, when the stack is that deep. */
    public static final int MIN_FRAMES = 16;
    /** Frames kept at most. */
    public static final int MAX_FRAMES = 64;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Stacks() {
    }

    /** A stack and its first frame outside the site's library ({@code null} when none was within reach). */
    public static final class Captured {
        public final List<String> frames;
        public final String appFrame;

        Captured(List<String> frames, String appFrame) {
            this.frames = List.copyOf(frames);
            this.appFrame = appFrame;
        }
    }

    /** The stack of the current thread from its first frame outside the agent; {@code null} if it cannot be taken. */
    public static Captured here() {
        try {
            return WALKER.walk(Walk.INSTANCE);
        } catch (Throwable unavailable) {
            InternalErrors.record("findings: stack capture", unavailable);
            return null;
        }
    }

    /**
     * One walk of the frames, a loop over the stream's iterator in a class of its own rather than a stream pipeline
     * of lambdas: the first stack is taken on an application thread at its first watched store, and on JDK 17 each
     * lambda costs a class spun at its first use (six of them made the first capture about 10 ms).
     */
    private static final class Walk implements Function<Stream<StackWalker.StackFrame>, Captured> {
        static final Walk INSTANCE = new Walk();

        @Override
        public Captured apply(Stream<StackWalker.StackFrame> frames) {
            List<String> result = new ArrayList<>();
            String appCode = null; // the first frame of application code
            String outsideLibrary = null; // the first frame outside the site's library
            ClassLoader libraryLoader = null;
            String libraryLocation = null;
            for (Iterator<StackWalker.StackFrame> walk = frames.iterator(); walk.hasNext()
                    && result.size() < MAX_FRAMES && (appCode == null || result.size() < MIN_FRAMES); ) {
                StackWalker.StackFrame frame = walk.next();
                if (frame.getClassName().startsWith("io.localdrop.agent.")) {
                    continue;
                }
                String text = text(frame);
                Class<?> type = frame.getDeclaringClass();
                String location = isJdk(type) ? null : location(type);
                if (result.isEmpty()) {
                    libraryLoader = type.getClassLoader();
                    libraryLocation = location;
                } else if (outsideLibrary == null && location != null
                        && (type.getClassLoader() != libraryLoader || !sameText(location, libraryLocation))) {
                    outsideLibrary = text;
                }
                if (appCode == null && (isApplicationCode(location) || LaunchedCode.isLaunchedCode(location))) {
                    appCode = text;
                }
                result.add(text);
            }
            return new Captured(result, appCode != null ? appCode : outsideLibrary);
        }
    }

    private static String text(StackWalker.StackFrame frame) {
        return frame.getClassName() + "." + frame.getMethodName() + "("
                + (frame.getFileName() == null ? "Unknown Source" : frame.getFileName())
                + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "") + ")";
    }

    /** Classes of the bootstrap and platform loaders: the JDK's own frames (a pool's run loop) are nobody's caller. */
    private static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** The code source's location as text (URL.toString, JDK code: URL.equals would resolve host names). */
    private static String location(Class<?> type) {
        ProtectionDomain domain = type.getProtectionDomain();
        CodeSource source = domain == null ? null : domain.getCodeSource();
        return source == null || source.getLocation() == null ? null : source.getLocation().toString();
    }

    /**
     * Whether a code source location is a classes directory (application code) rather than an archive (a library):
     * the innermost part of the location, after the last {@code !} of a nested archive, is looked at, so that
     * {@code jar:nested:/app.jar/!BOOT-INF/classes/!/} is application code and
     * {@code jar:nested:/app.jar/!BOOT-INF/lib/slf4j-api.jar!/} is not.
     */
    static boolean isApplicationCode(String location) {
        if (location == null) {
            return false;
        }
        int end = location.length();
        while (end > 0 && (location.charAt(end - 1) == '/' || location.charAt(end - 1) == '!')) {
            end--;
        }
        String inner = location.substring(location.lastIndexOf('!', end - 1) + 1, end).toLowerCase(java.util.Locale.ROOT);
        return !(inner.endsWith(".jar") || inner.endsWith(".zip") || inner.endsWith(".war") || inner.endsWith(".ear")
                || inner.endsWith(".jmod"));
    }

    private static boolean sameText(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }
}
