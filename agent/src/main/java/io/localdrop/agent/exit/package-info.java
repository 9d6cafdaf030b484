/**
 * The thread-exit hooks: bytecode patches of {@code Thread.exit()}, {@code VirtualThread.run(Runnable)} and
 * {@code ForkJoinWorkerThread.resetThreadLocals()} that call {@code java.lang.LocaldropBridge.onThreadEvent},
 * and {@link io.localdrop.agent.exit.ExitEvents} through which agent features get the same events after
 * the runtime's owned keys were destroyed. Plain ASM visitors, no frame computation: the patches are
 * straight-line code that leaves the operand stack as it found it.
 */
package io.localdrop.agent.exit;
