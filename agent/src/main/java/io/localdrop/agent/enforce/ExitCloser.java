package io.localdrop.agent.enforce;

import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.findings.ThreadLocalMapReader;
import io.localdrop.agent.findings.TlInfo;
import io.localdrop.agent.findings.TlRegistry;
import io.localdrop.agent.health.InternalErrors;
import io.localdrop.internal.BridgeProtocol;
import io.localdrop.internal.Config;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Thread exit (and JDK 25's ForkJoin wipe) under enforce: closes every AutoCloseable value of the thread's plain
 * ThreadLocals on that thread, before {@code join()} returns (the bridge calls it inside {@code Thread.exit} /
 * the end of {@code VirtualThread.run}), after the runtime destroyed the owned keys and after diagnose's exit scan.
 *
 * <p>Generations (rule 8): the values found when the exit begins are generation 1 and are closed, last stored
 * first. Closing them may put new values into the maps (a get that reaches initialValue, through rewritten code
 * for a ThreadLocal that had no value yet, or through code the agent cannot intercept for any ThreadLocal); the
 * next scan finds them (by identity: a value not closed yet in this exit) as generation 2, and so on. A generation
 * above {@code maxDestructorRounds} is not closed: its values are leaked and reported (REINIT_LEAK), and the exit
 * ends. Each value is closed at most once per exit, whatever ThreadLocals hold it.
 */
final class ExitCloser {
    private static volatile boolean quiet;

    private ExitCloser() {
    }

    static void quiet(boolean beQuiet) {
        quiet = beQuiet;
    }

    /**
     * Closes the current thread's values.
     *
     * @param finalExit true at thread exit (ThreadLocals end CLOSED for good), false at a ForkJoin wipe (the thread
     *     goes on: every ThreadLocal is usable again afterwards)
     * @return what was closed, as a {@link BridgeProtocol#tally} (values closed or tried, rounds): the bridge adds it to
     *     the cleanup's ThreadCleanup event, next to the owned keys the runtimes destroyed; 0 when nothing was
     */
    static int run(boolean finalExit) {
        try {
            EnforceState state = EnforceState.current();
            if (state != null && (state.closing || state.exited)) {
                return 0; // JDK 17 may call Thread.exit again; a close() cannot start another exit on its thread
            }
            Batch batch = new Batch().collect(state == null ? null : state.order, null, Batch.Filter.EXIT);
            if (batch.size == 0) {
                if (state != null && finalExit) {
                    state.exited = true;
                }
                return 0; // the common case: nothing to close, no state created
            }
            if (state == null) {
                state = EnforceState.currentOrNew();
            }
            return closeGenerations(state, batch, finalExit);
        } catch (Throwable unexpected) {
            // never into Thread.exit(); the abort policy halts inside and never gets here
            InternalErrors.record("enforce: closing values at thread exit", unexpected);
            return 0;
        }
    }

    private static int closeGenerations(EnforceState state, Batch batch, boolean finalExit) {
        int bound = rounds();
        IdentityHashMap<Object, Boolean> closed = new IdentityHashMap<>();
        int generation = 1;
        state.closing = true;
        if (finalExit) {
            state.exited = true;
        }
        EnforceGate.enter();
        try {
            for (; batch.size > 0; generation++) {
                if (generation > bound) {
                    leak(state, batch, bound);
                    break;
                }
                batch.sort();
                for (int i = 0; i < batch.size; i++) {
                    Object value = batch.values[i];
                    if (closed.put(value, Boolean.TRUE) == null) {
                        // CLOSED until the exit ends (a wipe resets every status once its loop is done)
                        ValueCloser.closeOne(state, batch.threadLocals[i], value, StoreOrder.CLOSED);
                    }
                }
                batch.collect(state.order, closed, Batch.Filter.EXIT);
            }
        } finally {
            batch.clear();
            EnforceGate.leave();
            state.closing = false;
            if (!finalExit) {
                state.order.resetStatuses();
            }
        }
        return BridgeProtocol.tally(closed.size(), generation - 1);
    }

    /** Values beyond the bound: left unclosed, one REINIT_LEAK per ThreadLocal and site, one warning per exit. */
    private static void leak(EnforceState state, Batch batch, int bound) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < batch.size; i++) {
            ThreadLocal<?> threadLocal = batch.threadLocals[i];
            names.add(TlNames.name(threadLocal));
            try {
                TlInfo info = TlRegistry.find(threadLocal);
                Findings.record(FindingKind.REINIT_LEAK, info, threadLocal, info == null ? -1 : info.lastSetSite,
                        state.order.exitSite(ThreadLocalMapReader.hashOf(threadLocal)), batch.values[i], null);
            } catch (Throwable notRecorded) {
                // the warning below still names it
                InternalErrors.record("enforce: recording a value leaked beyond the bound", notRecorded);
            }
        }
        if (!quiet) {
            System.err.println("localdrop: warning: thread '" + Thread.currentThread().getName() + "' leaked "
                    + names.size() + " AutoCloseable value(s) re-initialized beyond maxDestructorRounds=" + bound
                    + " without closing them: ThreadLocals " + names);
        }
    }

    private static int rounds() {
        try {
            return Config.maxDestructorRounds();
        } catch (IllegalArgumentException badSetting) {
            // not silent: the agent refuses a bad maxDestructorRounds option at start-up, and the runtime fails every
            // owned-key use with the property's message; closing goes on with the default bound meanwhile
            return Config.DEFAULT_ROUNDS;
        }
    }
}
