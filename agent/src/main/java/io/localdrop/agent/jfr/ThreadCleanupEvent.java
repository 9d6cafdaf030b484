package io.localdrop.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** mode=enforce closed a thread's plain ThreadLocal values; the event's duration is the cleanup's. */
@Name("io.localdrop.ThreadCleanup")
@Label("Thread Cleanup")
@Category("localdrop")
@Description("mode=enforce closed the AutoCloseable values of a thread's ThreadLocals at its exit or at a pool wipe")
@StackTrace(false)
final class ThreadCleanupEvent extends Event {
    @Label("Thread")
    String thread;
    @Label("Reason")
    @Description("exit, or wipe (a ForkJoin pool thread's ThreadLocals erased between tasks)")
    String reason;
    @Label("Values Closed")
    @Description("Values closed (or whose close was tried) in this cleanup")
    int valuesClosed;
    @Label("Rounds")
    @Description("Generations of values: a close() that stored new values makes another round")
    int rounds;
}
