package io.localdrop.it.stacks;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;

/**
 * The two per-thread caches that correct code keeps on pooled threads on purpose (issue 9, item 1: CACHE,
 * an INFO, never a WARNING or an ERROR): a formatter made by {@code withInitial}, and a scratch buffer made
 * lazily with the {@code get() == null -> set(new ...)} idiom, both reused by the same code on later tasks and
 * never read by another code path.
 */
public final class PerThreadScratch {

    private static final ThreadLocal<SimpleDateFormat> FORMAT = ThreadLocal.withInitial(() -> {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format;
    });
    private static final ThreadLocal<StringBuilder> BUFFER = new ThreadLocal<>();

    private PerThreadScratch() {
    }

    /** {@code "<user>@1970-01-01"}, built with this thread's formatter and scratch buffer. */
    public static String stamp(String user) {
        StringBuilder buffer = BUFFER.get();
        if (buffer == null) {
            buffer = new StringBuilder();
            BUFFER.set(buffer);
        }
        buffer.setLength(0);
        return buffer.append(user).append('@').append(FORMAT.get().format(new Date(0))).toString();
    }
}
