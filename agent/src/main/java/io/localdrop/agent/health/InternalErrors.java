package io.localdrop.agent.health;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place that records an internal failure of the agent: where it happened, what it was, how often.
 *
 * <p>Every {@code catch} in the agent that must not let a failure reach JDK or application code calls
 * {@link #record}; a catch that stays silent says why in a comment. The first failure of each distinct
 * (where, exception class) pair is printed once on stderr at {@code log=info}, every one at {@code log=debug},
 * none at {@code log=quiet}; all are counted in the report ({@code summary.internalErrors} and
 * {@code internalErrors}).
 *
 * <p>{@link #record} never throws and calls nothing of the failure but {@code getClass().getName()} and
 * {@code getMessage()} (a Throwable of the JDK or of the agent in every case the agent catches its own
 * failures; an application exception's message is the application's own text).
 */
public final class InternalErrors {
    /** Distinct failures kept; more are counted in {@link #total()} only. */
    public static final int MAX_DISTINCT = 100;

    /** 0 quiet, 1 info, 2 debug: set once by the agent's installation. */
    private static volatile int verbosity = 1;
    private static final AtomicLong TOTAL = new AtomicLong();
    private static final ConcurrentHashMap<String, Entry> DISTINCT = new ConcurrentHashMap<>();

    private InternalErrors() {
    }

    /** {@code 0} prints nothing, {@code 1} the first of each distinct failure, {@code 2} every one. */
    public static void setVerbosity(int level) {
        verbosity = level;
    }

    /**
     * Records one internal failure.
     *
     * @param where what the agent was doing, e.g. {@code "detector: task end"}: a fixed text, the key of the list
     * @param failure what was thrown
     */
    public static void record(String where, Throwable failure) {
        try {
            TOTAL.incrementAndGet();
            String type = failure == null ? "unknown" : failure.getClass().getName();
            String key = where + '\u0000' + type;
            Entry entry = DISTINCT.get(key);
            boolean first = false;
            if (entry == null && DISTINCT.size() < MAX_DISTINCT) {
                Entry fresh = new Entry(where, type, failure == null ? null : failure.getMessage());
                entry = DISTINCT.putIfAbsent(key, fresh);
                if (entry == null) {
                    entry = fresh;
                    first = true;
                }
            }
            if (entry != null) {
                entry.count.incrementAndGet();
            }
            int level = verbosity;
            if (level >= 2 || (first && level >= 1)) {
                System.err.println(oneLine("localdrop: internal error in " + where + ": " + type
                        + (failure != null && failure.getMessage() != null ? ": " + failure.getMessage() : "")
                        + (level >= 2 ? "" : " (counted in the report; log=debug shows every one)")));
                if (level >= 2 && failure != null) {
                    failure.printStackTrace();
                }
            }
        } catch (Throwable ignored) {
            // the recorder itself failing (out of memory, a closed stderr) has nowhere left to go
        }
    }

    /** The line with every control character (a line break in an exception's message) made a space. */
    private static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return out.toString();
    }

    /** Every internal failure recorded, distinct or not. */
    public static long total() {
        return TOTAL.get();
    }

    /** The distinct failures, in no particular order. */
    public static List<Entry> distinct() {
        return new ArrayList<>(DISTINCT.values());
    }

    /** Forgets everything (tests only). */
    public static void clear() {
        TOTAL.set(0);
        DISTINCT.clear();
    }

    /** One distinct failure: where, the exception's class, its first message, how often. */
    public static final class Entry {
        private final String where;
        private final String type;
        private final String message;
        private final AtomicLong count = new AtomicLong();

        Entry(String where, String type, String message) {
            this.where = where;
            this.type = type;
            this.message = message;
        }

        public String where() {
            return where;
        }

        public String type() {
            return type;
        }

        /** The first occurrence's message, or {@code null}. */
        public String message() {
            return message;
        }

        public long count() {
            return count.get();
        }
    }
}
