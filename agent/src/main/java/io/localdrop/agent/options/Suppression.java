package io.localdrop.agent.options;

import io.localdrop.agent.findings.Finding;
import io.localdrop.agent.findings.FindingKind;

/**
 * One entry of a suppression file (option {@code suppress}): findings of one kind about one ThreadLocal, or
 * about the ThreadLocals under a name prefix, are taken out of the ERROR/WARNING lists, for a stated reason.
 *
 * <p>The ThreadLocal is named as the report names it: by its static field ({@code com.acme.Ctx.CURRENT}) or
 * by where it was created ({@code org.apache.catalina.}, {@code com.acme.Ctx.<init>}); for a ThreadLocal made in
 * code the agent did not rewrite (neither is known), by its type. A name matches exactly, or as a prefix that
 * ends at a name boundary: {@code com.acme.Ctx} matches {@code com.acme.Ctx.CURRENT} and
 * {@code com.acme.Ctx$Holder.<clinit>(Ctx.java:5)} but not {@code com.acme.CtxFactory.X}, and
 * {@code com.acme.Ctx.CURRENT} does not match {@code com.acme.Ctx.CURRENT_USER}.
 */
public final class Suppression {
    private final FindingKind kind;
    private final String threadLocal;
    private final String reason;
    private final int line;

    Suppression(FindingKind kind, String threadLocal, String reason, int line) {
        this.kind = kind;
        this.threadLocal = threadLocal;
        this.reason = reason;
        this.line = line;
    }

    public FindingKind kind() {
        return kind;
    }

    /** The field, creation-site or type name, or a prefix of one, exactly as written in the file. */
    public String threadLocal() {
        return threadLocal;
    }

    public String reason() {
        return reason;
    }

    /** The entry's line number in its file (1-based). */
    public int line() {
        return line;
    }

    /** Whether this entry suppresses {@code finding} (reads only the finding's strings). */
    public boolean matches(Finding finding) {
        if (finding.kind() != kind) {
            return false;
        }
        String field = finding.field();
        String createdAt = finding.createdAt();
        if (field == null && createdAt == null) {
            return names(finding.type());
        }
        return names(field) || names(createdAt);
    }

    /** {@code name} is this entry's text, or begins with it and the next character ends a name part. */
    private boolean names(String name) {
        if (name == null || !name.startsWith(threadLocal)) {
            return false;
        }
        if (name.length() == threadLocal.length() || threadLocal.endsWith(".") || threadLocal.endsWith("$")) {
            return true;
        }
        char next = name.charAt(threadLocal.length());
        return next == '.' || next == '$' || next == '(';
    }
}
