package io.localdrop.agent.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The ASM fallback places the same hooks as the hand patcher (before each popAll rather than instead of it). */
class AsmHooksTest {

    @Test
    void threadExitGetsTheHookFirst() throws IOException {
        byte[] original = ClassFilePatcherTest.bytesOf("java.lang.Thread");
        int[] sites = new int[1];
        byte[] patched = AsmHooks.patch(original, HookPoint.THREAD_EXIT, sites);
        assertNotNull(patched);
        assertEquals(1, sites[0]);
        List<String> before = ClassFilePatcherTest.instructions(original, "exit", "()V");
        List<String> after = ClassFilePatcherTest.instructions(patched, "exit", "()V");
        assertEquals(List.of("ICONST_0", "INVOKESTATIC java/lang/LocaldropBridge.onThreadEvent(I)V"), after.subList(0, 2));
        assertEquals(before, after.subList(2, after.size()));
    }

    @Test
    void virtualThreadRunGetsTheHookBeforeEveryPopAll() throws IOException {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads are JDK 21+");
        byte[] original = ClassFilePatcherTest.bytesOf("java.lang.VirtualThread");
        int[] sites = new int[1];
        byte[] patched = AsmHooks.patch(original, HookPoint.VIRTUAL_THREAD_END, sites);
        List<String> after = ClassFilePatcherTest.instructions(patched, "run", "(Ljava/lang/Runnable;)V");
        int pops = 0;
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).equals("INVOKESTATIC jdk/internal/vm/StackableScope.popAll()V")) {
                pops++;
                assertEquals("INVOKESTATIC java/lang/LocaldropBridge.onThreadEvent(I)V", after.get(i - 1));
                assertEquals("ICONST_0", after.get(i - 2));
            }
        }
        assertEquals(pops, sites[0]);
    }

    @Test
    void threadLocalRandomEraseGetsTheEraseHookFirst() throws IOException {
        byte[] original = ClassFilePatcherTest.bytesOf("java.util.concurrent.ThreadLocalRandom");
        int[] sites = new int[1];
        byte[] patched = AsmHooks.patch(original, HookPoint.POOL_ERASE, sites);
        assertEquals(1, sites[0]);
        List<String> before = ClassFilePatcherTest.instructions(original, "eraseThreadLocals", "(Ljava/lang/Thread;)V");
        List<String> after = ClassFilePatcherTest.instructions(patched, "eraseThreadLocals", "(Ljava/lang/Thread;)V");
        assertEquals(List.of("op" + org.objectweb.asm.Opcodes.ALOAD + " 0", "INVOKESTATIC java/lang/LocaldropBridge.beforeErase(Ljava/lang/Thread;)V"), after.subList(0, 2));
        assertEquals(before, after.subList(2, after.size()));
    }
}
