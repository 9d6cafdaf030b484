/**
 * The thread-end hooks: patches of the JDK methods where a thread's ThreadLocal values end ({@link
 * io.localdrop.agent.exit.HookPoint}: {@code Thread.exit()}, {@code VirtualThread.run(Runnable)},
 * {@code ForkJoinWorkerThread.resetThreadLocals()}, {@code ThreadLocalRandom.eraseThreadLocals(Thread)} and
 * {@code InnocuousThread.eraseThreadLocals()}) that call {@code java.lang.LocaldropBridge}; {@link
 * io.localdrop.agent.exit.ExitEvents}, through which agent features get the same events after the runtime's owned
 * keys were destroyed; and {@link io.localdrop.agent.exit.BridgeFailures}, which brings the failures the bridge
 * counted into the agent's internal-error record. The patches are done by a hand-written class-file patcher
 * ({@code ClassFilePatcher}: no ASM on the start-up path), with ASM visitors as the fallback for a class-file
 * shape it does not know; neither computes frames, since each patch is straight-line code that leaves the operand
 * stack as it found it.
 */
package io.localdrop.agent.exit;
