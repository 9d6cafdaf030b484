package io.localdrop.agent.findings;

/** What the rewriter records at transform time for withInitial sites, for tests that skip the rewriter. */
final class SiteRegistryAccess {
    private SiteRegistryAccess() {
    }

    static void recordInitial(int site) {
        SiteRegistry.recordInitial(site);
    }
}
