package io.localdrop.agent.sites;

/**
 * The question "would {@link SiteRewriter} look at this class with ASM?" as one static call, for the agent's
 * activation: the same filter ({@link ClassFilter}) and the same constant-pool scan ({@link ConstantPoolScan})
 * the rewriter asks, loading neither ASM nor anything else. A ThreadLocal subclass is a candidate too (its pool
 * names its superclass).
 */
public final class RewriteCandidates {
    private RewriteCandidates() {
    }


    /** Whether the rewriter would parse this class: it passes {@code filter} and its constant pool may touch a ThreadLocal. */
    public static boolean isCandidate(ClassFilter filter, ClassLoader loader, String className, byte[] classFile) {
        return filter.rewrites(loader, className) && ConstantPoolScan.mayUseThreadLocal(classFile);
    }
}
