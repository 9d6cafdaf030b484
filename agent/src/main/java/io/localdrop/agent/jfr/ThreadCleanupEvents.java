package io.localdrop.agent.jfr;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.internal.BridgeProtocol;

import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;

/**
 * The bridge's observer of cleanups (BridgeProtocol.SET_CLEANUP_OBSERVER_METHOD), which makes them
 * {@code io.localdrop.ThreadCleanup} events: {@link #begin} before the first handler of a thread exit or wipe (an event,
 * started, when a recording wants it; else null, at the cost of one {@code isEnabled()}), {@link #end} after the last,
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
            return Commit.begin(threadExit);
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
        static Object begin(boolean threadExit) {
            ThreadCleanupEvent event = new ThreadCleanupEvent();
            if (!event.isEnabled()) {
                return null;
            }
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
