package io.localdrop.agent.findings;

import java.util.HashMap;
import java.util.Map;

/**
 * Every rewritten access site, by a constant id: the rewriter asks for an id at transform time and
 * bakes it into the rewritten call, so attributing a get/set/new to its line costs no stack walk.
 *
 * <p>Bounded: identical site texts share one id (a class loaded again by another loader, as web
 * applications are on redeploy, gets the same ids back), and at most {@link #MAX_SITES} distinct sites
 * are kept; once full, new classes are left unrewritten ({@link #register} returns -1) rather than
 * growing without end.
 */
public final class SiteRegistry {
    /** The most distinct sites kept; about 100 bytes each. */
    public static final int MAX_SITES = 1 << 18;

    private static final Map<String, Integer> IDS = new HashMap<>();
    private static volatile String[] texts = new String[1024];
    private static volatile String[] fields = new String[1024];
    private static volatile boolean[] initials = new boolean[1024];
    private static int count;

    private SiteRegistry() {
    }

    /**
     * The id of the site {@code class.method(File.java:line)}, registering it if new; -1 when full.
     *
     * @param className dotted class name
     */
    public static synchronized int register(String className, String method, String file, int line) {
        String text = className + "." + method + "(" + (file == null ? "Unknown Source" : file)
                + (line > 0 ? ":" + line : "") + ")";
        Integer known = IDS.get(text);
        if (known != null) {
            return known;
        }
        if (count >= MAX_SITES) {
            return -1;
        }
        int id = count++;
        if (id >= texts.length) {
            String[] grownTexts = new String[texts.length * 2];
            System.arraycopy(texts, 0, grownTexts, 0, texts.length);
            String[] grownFields = new String[fields.length * 2];
            System.arraycopy(fields, 0, grownFields, 0, fields.length);
            fields = grownFields;
            texts = grownTexts;
        }
        texts[id] = text;
        IDS.put(text, id);
        SiteHookTables.sitesRegistered(count);
        return id;
    }

    /** Records that the ThreadLocal constructed at {@code site} is stored into static field {@code field}. */
    public static synchronized void recordField(int site, String field) {
        if (site >= 0 && site < count) {
            fields[site] = field;
        }
    }

    /** Records that the ThreadLocal constructed at {@code site} has an initial value (withInitial, initialValue override). */
    public static synchronized void recordInitial(int site) {
        if (site >= 0 && site < count) {
            if (site >= initials.length) {
                boolean[] grown = new boolean[Math.max(initials.length * 2, site + 1)];
                System.arraycopy(initials, 0, grown, 0, initials.length);
                initials = grown;
            }
            initials[site] = true;
        }
    }

    /** Whether the ThreadLocal constructed at {@code site} has an initial value. */
    public static boolean hasInitial(int site) {
        boolean[] known = initials;
        return site >= 0 && site < known.length && known[site];
    }

    /** The site's text, {@code null} for an unknown id. */
    public static String text(int site) {
        String[] known = texts;
        return site >= 0 && site < known.length ? known[site] : null;
    }

    /** The static field the ThreadLocal constructed at {@code site} was stored into, or {@code null}. */
    public static String field(int site) {
        String[] known = fields;
        return site >= 0 && site < known.length ? known[site] : null;
    }

    /** First-store stacks taken per creation site of ThreadLocals not in a static field (one line, many instances). */
    public static final int STACKS_PER_CREATION_SITE = 8;
    private static volatile int[] stacksTaken = new int[1024];

    /**
     * Whether a first store into the ThreadLocal created at {@code createdSite} may take a stack: once per
     * ThreadLocal in a static field (or of unknown origin), {@link #STACKS_PER_CREATION_SITE} times per creation
     * site of the others, so that a million ThreadLocals made on one line cost a handful of stack walks.
     */
    public static boolean takeStack(int createdSite, TlInfo info) {
        if (createdSite < 0 || field(createdSite) != null) {
            return info.takeFirstStack();
        }
        int[] taken = stacksTaken;
        if (createdSite < taken.length && taken[createdSite] >= STACKS_PER_CREATION_SITE) {
            return false; // the usual case once the budget is spent: no lock
        }
        synchronized (SiteRegistry.class) {
            if (createdSite >= stacksTaken.length) {
                int[] grown = new int[Math.max(createdSite + 1, stacksTaken.length * 2)];
                System.arraycopy(stacksTaken, 0, grown, 0, stacksTaken.length);
                stacksTaken = grown;
            }
            if (stacksTaken[createdSite] >= STACKS_PER_CREATION_SITE) {
                return false;
            }
            stacksTaken[createdSite]++;
            return true;
        }
    }

    /** How many distinct sites are registered. */
    public static synchronized int size() {
        return count;
    }
}
