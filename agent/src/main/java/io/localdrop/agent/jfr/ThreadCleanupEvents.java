package io.localdrop.agent.jfr;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.internal.BridgeProtocol;

import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;

/**
 * The bridge's observer of cleanups (BridgeProtocol.SET_CLEANUP_OBSERVER_METHOD), which makes them
 * {@code io.localdrop.ThreadCleanup} events: {@link #begin} before the first handler of a thread exit or wipe (an event,
 * started, when a recording wants it; else null, at the cost of {@code FlightRecorder.isInitialized()} and, once JFR
 * is up, one {@code isEnabled()}), {@link #end} after the last,
 * with what the runtimes destroyed and the features closed. The bridge is a JDK-typed class: it sees this only as an
 * {@code IntFunction} and an {@code ObjLongConsumer}, and the event as an {@code Object}, so that callers link to no
 * jdk.jfr class.
 */
public final class ThreadCleanupEvents implements IntFunction<Object>, ObjLongConsumer<Object> {
    /** The one observer, for {@code ExitEvents} to register with the bridge. */
    public static final ThreadCleanupEvents OBSERVER = new ThreadCleanupEvents();

    private ThreadCleanupEvents() {
    }

    @Override
    public Object apply(int event) {
        return begin(event == BridgeProtocol.THREAD_EXIT);
    }

    @Override
    public void accept(Object started, long cleanup) {
        int owned = BridgeProtocol.ownedKeysTally(cleanup);
        int closed = BridgeProtocol.valuesClosedTally(cleanup);
        end(started, BridgeProtocol.tallyCount(owned), BridgeProtocol.tallyCount(closed),
                Math.max(BridgeProtocol.tallyRounds(owned), BridgeProtocol.tallyRounds(closed)));
    }

    /** A started event to hand to {@link #end}, or null when none is wanted or JFR is absent; never throws. */
    static Object begin(boolean threadExit) {
        if (!Jfr.PRESENT) {
            return null;
        }
        try {
            // Until a recording was started the event class is not touched: on JDK 17, loading a jdk.jfr.Event subclass
            // loads about a hundred JFR classes, which the first exit of every JVM (even a hello world's) would pay.
            return Recorder.initialized() ? Commit.begin(threadExit) : null;
        } catch (Throwable failed) {
            InternalErrors.record("jfr: starting a ThreadCleanup event", failed);
            return null;
        }
    }

    /** Commits {@code started} (from {@link #begin}; null does nothing); never throws. */
    static void end(Object started, int ownedKeysDestroyed, int valuesClosed, int rounds) {
        if (started == null) {
            return;
        }
        try {
            Commit.end(started, ownedKeysDestroyed, valuesClosed, rounds);
        } catch (Throwable failed) {
            InternalErrors.record("jfr: committing a ThreadCleanup event", failed);
        }
    }

    /** Apart, so that {@link ThreadCleanupEvents} links to no jdk.jfr class when the module is absent. */
    private static final class Commit {
        /**
         * Asked whether a recording wants the event, so that an exit without one allocates nothing (whether the JIT
         * would remove a fresh event depends on inlining the bridge's call). {@code isEnabled()} reads the event type's
         * settings, not the instance: one instance serves every thread.
         */
        private static final ThreadCleanupEvent PROBE = new ThreadCleanupEvent();

        static Object begin(boolean threadExit) {
            if (!PROBE.isEnabled()) {
                return null;
            }
            ThreadCleanupEvent event = new ThreadCleanupEvent();
            event.reason = threadExit ? "exit" : "wipe";
            event.begin();
            return event;
        }

        static void end(Object started, int ownedKeysDestroyed, int valuesClosed, int rounds) {
            ThreadCleanupEvent event = (ThreadCleanupEvent) started;
            event.end();
            if (event.shouldCommit()) {
                event.thread = Thread.currentThread().getName();
                event.ownedKeysDestroyed = ownedKeysDestroyed;
                event.valuesClosed = valuesClosed;
                event.rounds = rounds;
                event.commit();
            }
        }
    }
}
