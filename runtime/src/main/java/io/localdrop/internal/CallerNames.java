package io.localdrop.internal;

/** Names a key after the line of code that created it, when its creator gave no name. */
public final class CallerNames {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private CallerNames() {
    }

    /** {@code prefix@class.method(File.java:line)} of the first caller outside localdrop. */
    public static String creationSite(String prefix) {
        String site = WALKER.walk(frames -> frames
                .filter(frame -> !isRuntimeFrame(frame.getDeclaringClass()))
                .findFirst()
                .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                        + frame.getLineNumber() + ")")
                .orElse("unknown"));
        return prefix + "@" + site;
    }

    private static boolean isRuntimeFrame(Class<?> type) {
        return type.getPackageName().equals(CallerNames.class.getPackageName())
                || type == io.localdrop.OwnedKey.class || type == io.localdrop.ScopedKey.class;
    }
}
