package io.localdrop.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A thread's cleanup at its exit or at a pool wipe: the owned keys the runtimes destroyed and the plain values
 * mode=enforce closed; the event's duration is the whole cleanup's (every runtime copy's and every feature's pass).
 */
@Name("io.localdrop.ThreadCleanup")
@Label("Thread Cleanup")
@Category("localdrop")
@Description("Owned keys destroyed and (mode=enforce) AutoCloseable values of plain ThreadLocals closed on a thread,"
        + " at its exit or at a pool wipe")
@StackTrace(false)
final class ThreadCleanupEvent extends Event {
    @Label("Thread")
    String thread;
    @Label("Reason")
    @Description("exit, or wipe (a pool thread's ThreadLocals erased between tasks)")
    String reason;
    @Label("Owned Keys Destroyed")
    @Description("Owned keys whose destructor ran in this cleanup, in every copy of the runtime")
    int ownedKeysDestroyed;
    @Label("Values Closed")
    @Description("Values of plain ThreadLocals closed (or whose close was tried) in this cleanup (mode=enforce)")
    int valuesClosed;
    @Label("Rounds")
    @Description("Generations: a destructor or close() that created new values makes another round")
    int rounds;
}
