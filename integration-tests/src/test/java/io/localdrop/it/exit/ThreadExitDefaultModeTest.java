package io.localdrop.it.exit;

/** Every test of {@link ThreadExitTest} again with the agent's default options (mode=diagnose rewriting on). */
class ThreadExitDefaultModeTest extends ThreadExitTest {
    @Override
    String options() {
        return null;
    }
}
