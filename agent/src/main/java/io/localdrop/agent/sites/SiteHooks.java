package io.localdrop.agent.sites;

import io.localdrop.agent.enforce.EnforceGate;
import io.localdrop.agent.enforce.EnforceHooks;
import io.localdrop.agent.findings.Census;
import io.localdrop.agent.findings.Detectors;
import io.localdrop.agent.findings.OwnThreadLocals;
import io.localdrop.agent.findings.SiteHookTables;
import io.localdrop.agent.findings.SiteRegistry;
import io.localdrop.agent.findings.ThreadLocalMapReader;
import io.localdrop.agent.findings.TlInfo;
import io.localdrop.agent.findings.TlRegistry;
import io.localdrop.agent.health.InternalErrors;

import java.lang.invoke.MethodHandle;

/**
 * What rewritten application code calls instead of {@code ThreadLocal.get/set/remove}, and after
 * constructing a ThreadLocal. Public because application classes call it; loaded by the system class
 * loader (the agent jar is on the class path), which is why only classes of loaders that delegate to it
 * are rewritten.
 *
 * <p>The hot paths are deliberately tiny, so that code that uses ThreadLocals correctly pays almost
 * nothing: {@link #get} is {@code tl.get()} plus one volatile read and a branch while nothing leaked;
 * {@link #set} is {@code tl.set(v)} plus a read of the ThreadLocal's hash field and an int compare against a fixed
 * per-site table (is this site the known only storing site of this ThreadLocal?); under enforce, plus a check that
 * the value's class is the plain class this site stored last. Each hook behaves exactly like the call it replaces: same virtual dispatch
 * (an overriding subclass's {@code get} still runs), same return value, same exceptions; the agent's own
 * bookkeeping never throws.
 */
public final class SiteHooks {
    /** Per site id: the ThreadLocal that site last stored into (weakly, through its info). */
    // not volatile: a slot is published before the code that reads it can run (ensureCapacity runs at
    // transform time), and a stale read only costs one more pass through newSetter
    private static TlInfo[] setters = new TlInfo[1024];
    /** Sites below this id have the one-compare fast path of set (a fixed table: 256 KiB). */
    private static final int FAST_SITES = 1 << 16;
    /**
     * Per site id below {@link #FAST_SITES}: {@code hash ^ NONE} of the one ThreadLocal that site stores into, when it
     * is that ThreadLocal's only storing site; 0 otherwise. The whole fast path of set is one compare against it. Static
     * final and of a fixed length: the site id is a constant of the rewritten call, so the JIT reads the slot at a
     * constant address with no bounds check.
     */
    private static final int[] SOLE_SETTER = new int[FAST_SITES];
    /** No ThreadLocal (a real threadLocalHashCode equal to it only costs that ThreadLocal the slower path). */
    private static final int NONE = 0x5bd1e995;
    /** {@code ThreadLocalMapReader.hashOf}, folded by the JIT into a read of the ThreadLocal's own hash field; null if not open. */
    private static final MethodHandle HASH;

    static {
        // java.lang is opened in premain, before any rewritten code runs; if not, hashOf answers (and may change)
        HASH = ThreadLocalMapReader.hashHandle();
        // the registry and the detectors are in a lower package: they reach these tables through this listener
        SiteHookTables.connect(new Tables());
    }

    private SiteHooks() {
    }

    /** Replaces {@code tl.get()}. */
    public static Object get(ThreadLocal<?> threadLocal, int site) {
        if (EnforceGate.ON && EnforceGate.closing != 0) {
            EnforceHooks.beforeGet(threadLocal, site); // mode=enforce: AccessError during/after its close
        }
        Object value = threadLocal.get();
        if (value == null) {
            Detectors.onNullGet(threadLocal, site); // the first half of the lazy idiom (get() == null -> set)
        } else if (Census.suspects != 0) {
            Detectors.onGet(threadLocal, value, site);
        }
        return value;
    }

    /** Replaces {@code tl.set(value)}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void set(ThreadLocal threadLocal, Object value, int site) {
        if (EnforceGate.ON) {
            EnforceHooks.beforeSet(threadLocal, value, site); // mode=enforce: AccessError, store order
        }
        if (value != null) {
            // ThreadLocal's own hash code (a field read) identifies it: no Reference.get on the hot path
            int hash = hashOf(threadLocal);
            if (site < 0 || site >= FAST_SITES || (SOLE_SETTER[site] ^ NONE) != hash) {
                // before the store: a watched store records what the task started from
                storedElsewhere(threadLocal, value, hash, site);
            }
        }
        threadLocal.set(value);
    }

    private static int hashOf(ThreadLocal<?> threadLocal) {
        MethodHandle hash = HASH;
        if (hash == null) {
            return ThreadLocalMapReader.hashOf(threadLocal);
        }
        try {
            return (int) hash.invokeExact(threadLocal);
        } catch (Throwable unreadable) {
            return ThreadLocalMapReader.hashOf(threadLocal); // records the failure, if it is one
        }
    }

    /**
     * A site of a ThreadLocal whose stores are watched (several storing sites, or a leak found), or a first store:
     * keep its last storing site, and tell the detectors about a watched store.
     */
    private static void storedElsewhere(ThreadLocal<?> threadLocal, Object value, int hash, int site) {
        TlInfo[] known = setters;
        TlInfo info;
        if (site < known.length && (info = known[site]) != null && info.hash == hash) {
            if (info.lastSetSite != site) {
                info.lastSetSite = site;
            }
            if (info.shared) {
                Detectors.onStore(threadLocal, info, value, site, false);
            }
        } else {
            newSetter(threadLocal, value, site);
        }
    }

    /**
     * Sends every later store into {@code info} through the slower path, where each is recorded in its thread's
     * trail: called once a leak of it is found, so that later leaks name their own store.
     */
    static void watchStores(TlInfo info) {
        synchronized (SiteHooks.class) {
            info.shared = true;
            // only the first storing line can be on the fast path (newSetter puts no other there)
            leaveFastPath(info, info.firstSetSite);
        }
    }

    /** Replaces {@code tl.remove()}. */
    public static void remove(ThreadLocal<?> threadLocal, int site) {
        threadLocal.remove();
    }

    /** Called right after a ThreadLocal is constructed at {@code site} (new, subclass, withInitial). */
    public static void created(ThreadLocal<?> threadLocal, int site) {
        try {
            Class<?> type = threadLocal.getClass();
            // withInitial's class by one compare (a plain ThreadLocal, the flood's, costs no more)
            TlRegistry.created(threadLocal, site, SiteRegistry.hasInitial(site) || type == OwnThreadLocals.SUPPLIED);
        } catch (Throwable failure) {
            InternalErrors.record("site hook: construction", failure); // never into the application
        }
    }

    /** First store from this site into this ThreadLocal (or the site changed ThreadLocal): remember both. */
    private static void newSetter(ThreadLocal<?> threadLocal, Object value, int site) {
        try {
            TlInfo info = TlRegistry.findOrAddStored(threadLocal);
            if (info == null) {
                return;
            }
            info.lastSetSite = site;
            Detectors.onStore(threadLocal, info, value, site, true);
            synchronized (SiteHooks.class) {
                // decided from what the lock guards (the first storing line), not from lastSetSite read before it:
                // two threads making the first stores of two lines at once must not leave either on the fast path
                int first = info.firstSetSite;
                if (first < 0) {
                    info.firstSetSite = first = site;
                }
                if (first != site) {
                    if (!info.manySetters) {
                        // a second storing site: every store now goes through storedElsewhere, which records it and
                        // keeps lastSetSite right; marked before the fast path is closed, so no store slips between
                        info.becameMany();
                        info.shared = true;
                        leaveFastPath(info, first);
                    }
                } else if (!info.shared && site >= 0 && site < FAST_SITES) {
                    SOLE_SETTER[site] = info.hash ^ NONE; // its only storing site (again, after another ThreadLocal)
                }
                // published last: a thread that finds the site known also finds the ThreadLocal marked as above
                TlInfo[] known = setters;
                if (site < known.length) {
                    known[site] = info;
                }
            }
        } catch (Throwable failure) {
            InternalErrors.record("site hook: first store", failure); // never into the application
        }
    }

    /** Takes {@code site} off the one-compare fast path if it is there for {@code info}; under the hooks' lock. */
    private static void leaveFastPath(TlInfo info, int site) {
        if (site >= 0 && site < FAST_SITES && (SOLE_SETTER[site] ^ NONE) == info.hash) {
            SOLE_SETTER[site] = 0;
        }
    }

    /** Makes room for site ids below {@code count}: called when a site is registered, before its code can run. */
    static synchronized void ensureCapacity(int count) {
        TlInfo[] known = setters;
        if (count > known.length) {
            TlInfo[] grown = new TlInfo[Math.max(count, known.length * 2)];
            System.arraycopy(known, 0, grown, 0, known.length);
            setters = grown;
        }
    }

    /** These hooks' tables, as the registry and the detectors see them ({@link SiteHookTables}). */
    private static final class Tables implements SiteHookTables.Listener {
        @Override
        public void sitesRegistered(int count) {
            ensureCapacity(count);
        }

        @Override
        public void watchStores(TlInfo info) {
            SiteHooks.watchStores(info);
        }
    }
}
