package io.localdrop.it.stacks;

/** What the real-stack suite's test classes share. */
public final class RealStack {

    /**
     * The JUnit tag of every test class of the suite: {@code -Dgroups=real-stack} runs the suite alone,
     * {@code -DexcludedGroups=real-stack} leaves it out (docs/real-stacks.md).
     */
    public static final String TAG = "real-stack";

    private RealStack() {
    }
}
