package io.localdrop.agent.findings;

import java.util.ArrayList;
import java.util.List;

/**
 * The caller frames of a site, taken on slow paths only (the first store from a site, the first bleeding
 * read of a finding): they name the application's own lines that called into a library's ThreadLocal.
 */
public final class Stacks {
    /** Frames kept per stack. */
    public static final int MAX_FRAMES = 10;
    private static final StackWalker WALKER = StackWalker.getInstance();

    private Stacks() {
    }

    /** Up to {@link #MAX_FRAMES} frames of the current thread, the agent's own frames left out. */
    public static List<String> here() {
        try {
            return WALKER.walk(frames -> {
                List<String> result = new ArrayList<>();
                frames.filter(frame -> !frame.getClassName().startsWith("io.localdrop.agent."))
                        .limit(MAX_FRAMES)
                        .forEach(frame -> result.add(frame.getClassName() + "." + frame.getMethodName() + "("
                                + (frame.getFileName() == null ? "Unknown Source" : frame.getFileName())
                                + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "") + ")"));
                return result;
            });
        } catch (Throwable unavailable) {
            return List.of();
        }
    }
}
