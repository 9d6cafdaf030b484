package io.localdrop.testing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One finding of a localdrop report: one leaking line of code, grouped by the ThreadLocal's identity
 * and the site that stored the value, however many threads it touched. Fields are those of the
 * report format {@code localdrop-report/1}; a field the agent did not write reads as null, an empty
 * list or 0.
 */
public final class Finding {

    /**
     * The ThreadLocal a finding is about.
     *
     * @param createdAt where it was constructed, like a stack-trace element
     *                  ({@code com.acme.Ctx.<clinit>(Ctx.java:9)}), or null when unknown
     * @param field     the static field it was stored in at construction ({@code com.acme.Ctx.CURRENT}), or null
     * @param type      its class name ({@code java.lang.ThreadLocal} or a subclass), or null
     */
    public record ThreadLocalInfo(String createdAt, String field, String type) {
    }

    private final String kindName;
    private final Kind kind;
    private final Severity severity;
    private final ThreadLocalInfo threadLocal;
    private final List<String> setAt;
    private final List<String> readAt;
    private final String valueType;
    private final String valueClassLoader;
    private final List<String> threads;
    private final long count;
    private final Instant firstSeen;
    private final Instant lastSeen;
    private final List<String> setStack;
    private final List<String> readStack;
    private final String classifiedBy;

    private Finding(Fields f) {
        this.kindName = f.requiredString("kind");
        this.kind = Kind.fromName(kindName);
        this.severity = Severity.fromName(f.string("severity"));
        Fields tl = f.object("threadLocal");
        this.threadLocal = tl == null
                ? new ThreadLocalInfo(null, null, null)
                : new ThreadLocalInfo(tl.string("createdAt"), tl.string("field"), tl.string("type"));
        this.setAt = f.strings("setAt");
        this.readAt = f.strings("readAt");
        this.valueType = f.string("valueType");
        this.valueClassLoader = f.string("valueClassLoader");
        this.threads = f.strings("threads");
        this.count = f.number("count", 0);
        this.firstSeen = f.instant("firstSeen");
        this.lastSeen = f.instant("lastSeen");
        this.setStack = f.strings("setStack");
        this.readStack = f.strings("readStack");
        this.classifiedBy = f.string("classifiedBy");
    }

    static Finding from(String where, Object json) {
        return new Finding(Fields.of(where, json));
    }

    /** The kind, {@link Kind#UNKNOWN} for a kind this version does not know. */
    public Kind kind() {
        return kind;
    }

    /** The kind exactly as the report names it (also for kinds this version does not know). */
    public String kindName() {
        return kindName;
    }

    public Severity severity() {
        return severity;
    }

    public ThreadLocalInfo threadLocal() {
        return threadLocal;
    }

    /** The sites that stored the value ({@code class.method(File.java:line)}). */
    public List<String> setAt() {
        return setAt;
    }

    /** The sites that read it (BLEED: where another task's value was seen). */
    public List<String> readAt() {
        return readAt;
    }

    /** The value's class name (never its contents: the agent does not look inside values). */
    public String valueType() {
        return valueType;
    }

    /** The name of the class loader that defined the value's class ({@code bootstrap}, {@code app}, ...). */
    public String valueClassLoader() {
        return valueClassLoader;
    }

    /** Names of (some of) the threads where it happened. */
    public List<String> threads() {
        return threads;
    }

    /** How many times it happened. */
    public long count() {
        return count;
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    /**
     * The callers of the storing site, innermost first (a field the agent adds beyond the contract's
     * list, so that a leak inside a library also names the application's own lines); empty when absent.
     */
    public List<String> setStack() {
        return setStack;
    }

    /** The callers of the reading site, like {@link #setStack()}; empty when absent. */
    public List<String> readStack() {
        return readStack;
    }

    /**
     * The classification rule that decided the verdict ({@code jdk-container}, {@code inherited}, ...: the report
     * format's list), or null when no rule decided (a value stored with set and left: the default).
     */
    public String classifiedBy() {
        return classifiedBy;
    }

    /** True when one of the set sites contains {@code text} (e.g. {@code "Filter.java:31"}). */
    public boolean setAtContains(String text) {
        return anyContains(setAt, text);
    }

    /** True when one of the read sites contains {@code text}. */
    public boolean readAtContains(String text) {
        return anyContains(readAt, text);
    }

    private static boolean anyContains(List<String> sites, String text) {
        for (String site : sites) {
            if (site.contains(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What identifies this finding across two reports of the same JVM: kind, ThreadLocal and the
     * sites. The count and the threads are left out, since they grow as the program runs.
     */
    public String identity() {
        return kindName + '|' + threadLocal.createdAt() + '|' + threadLocal.field() + '|' + threadLocal.type()
                + '|' + setAt + '|' + valueType;
    }

    /** One line for a person: kind, severity, the ThreadLocal, where it was set and read, how often. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(kindName).append(" (").append(severity).append("): ThreadLocal ");
        if (threadLocal.field() != null) {
            out.append(threadLocal.field());
        } else {
            out.append(Objects.toString(threadLocal.type(), "?"));
        }
        if (threadLocal.createdAt() != null) {
            out.append(" created at ").append(threadLocal.createdAt());
        }
        if (!setAt.isEmpty()) {
            out.append(", set at ").append(String.join(", ", setAt));
        }
        if (!readAt.isEmpty()) {
            out.append(", read at ").append(String.join(", ", readAt));
        }
        if (valueType != null) {
            out.append(", value ").append(valueType);
            if (valueClassLoader != null) {
                out.append(" (loader ").append(valueClassLoader).append(')');
            }
        }
        out.append(", count ").append(count);
        if (!threads.isEmpty()) {
            out.append(", threads ").append(threads);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
