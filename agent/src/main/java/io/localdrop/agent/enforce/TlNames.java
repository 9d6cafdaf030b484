package io.localdrop.agent.enforce;

import io.localdrop.agent.findings.OwnThreadLocals;
import io.localdrop.agent.findings.TlInfo;
import io.localdrop.agent.findings.TlRegistry;
import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.findings.SiteRegistry;

/**
 * Names a plain ThreadLocal the way AccessError and the failure message do for an owned key: the static field it
 * was stored into at construction, else its creation site, else its class and identity. Runs no application code
 * (class name and identity hash only), and says which ThreadLocals enforce leaves alone.
 */
final class TlNames {
    private TlNames() {
    }

    static String name(ThreadLocal<?> threadLocal) {
        try {
            TlInfo info = TlRegistry.find(threadLocal);
            if (info != null) {
                int site = info.createdSite();
                String field = SiteRegistry.field(site);
                if (field != null) {
                    return field;
                }
                String created = SiteRegistry.text(site);
                if (created != null) {
                    return "ThreadLocal created at " + created;
                }
            }
        } catch (Throwable failed) {
            InternalErrors.record("enforce: naming a ThreadLocal", failed); // falls back to the type and identity
        }
        return threadLocal.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(threadLocal));
    }

    /** ThreadLocals enforce never closes or clears: the one list diagnose uses too ({@link OwnThreadLocals}). */
    static boolean skipped(ThreadLocal<?> threadLocal) {
        return OwnThreadLocals.skipped(threadLocal);
    }
}
