/**
 * {@code mode=enforce}: destructor semantics for an unchanged application's plain ThreadLocals, built on the
 * access-site rewriting and task boundaries of diagnose (packages {@code sites}, {@code tasks}, {@code findings}).
 *
 * <ul>
 *   <li>{@link io.localdrop.agent.enforce.ExitCloser}: at thread exit and at a JDK 25 ForkJoin wipe, closes every
 *       AutoCloseable value of a plain ThreadLocal on its own thread, last stored first, in bounded generations,
 *       under the runtime's failure policy;</li>
 *   <li>{@link io.localdrop.agent.enforce.EnforceHooks}: what the rewritten get/set call on the slow path
 *       (AccessError while a value is being closed or after it was closed), and the store-order records, with
 *       the per-site memos that keep the common sets nearly free ({@link io.localdrop.agent.enforce.PlainValueClasses},
 *       {@link io.localdrop.agent.enforce.RepeatedStores});</li>
 *   <li>{@link io.localdrop.agent.enforce.TaskCleaner}: {@code clearAfterTask=true}.</li>
 * </ul>
 * Nothing here runs unless {@code mode=enforce}: the rewritten hot paths test {@link
 * io.localdrop.agent.enforce.EnforceGate#ON}, a static final the JIT folds away under diagnose.
 */
package io.localdrop.agent.enforce;
