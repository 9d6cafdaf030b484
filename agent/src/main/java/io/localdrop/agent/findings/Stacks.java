package io.localdrop.agent.findings;

import io.localdrop.agent.health.InternalErrors;

import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller frames of a site, taken on slow paths only (a store the agent watches, the first bleeding read
 * of a finding): they name the application's own lines that called into a library's ThreadLocal.
 *
 * <p>A stack starts at the rewritten site (its first frame is the {@code setAt}/{@code readAt} line) and goes
 * on until it holds at least one frame outside that site's library, and at least {@link #MIN_FRAMES} frames,
 * never more than {@link #MAX_FRAMES}. "Library" is where the site's class was loaded from: its class loader
 * and code source (jar or directory), never a list of names. The first frame of a class from another code
 * source that is not a JDK class is the stack's {@link Captured#appFrame}: for a logging call it is the first
 * caller of the logging library (which may be a facade such as slf4j, itself a jar of its own).
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
            return WALKER.walk(frames -> {
                List<String> result = new ArrayList<>();
                String[] app = new String[1];
                Object[] library = new Object[2];
                frames.filter(frame -> !frame.getClassName().startsWith("io.localdrop.agent."))
                        .takeWhile(frame -> result.size() < MAX_FRAMES
                                && (app[0] == null || result.size() < MIN_FRAMES))
                        .forEach(frame -> {
                            String text = text(frame);
                            Class<?> type = frame.getDeclaringClass();
                            if (result.isEmpty()) {
                                library[0] = type.getClassLoader();
                                library[1] = location(type);
                            } else if (app[0] == null && !isJdk(type)
                                    && (type.getClassLoader() != library[0] || !sameText(location(type), library[1]))) {
                                app[0] = text;
                            }
                            result.add(text);
                        });
                return new Captured(result, app[0]);
            });
        } catch (Throwable unavailable) {
            InternalErrors.record("findings: stack capture", unavailable);
            return null;
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

    private static boolean sameText(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }
}
