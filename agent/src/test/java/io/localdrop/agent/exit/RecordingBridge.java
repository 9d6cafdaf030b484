package io.localdrop.agent.exit;

import java.util.concurrent.atomic.AtomicInteger;

/** Stands for java.lang.LocaldropBridge in classes patched by tests: records what the hooks call. */
public final class RecordingBridge {
    public static final String INTERNAL_NAME = "io/localdrop/agent/exit/RecordingBridge";
    public static final AtomicInteger EVENTS = new AtomicInteger();
    public static volatile int lastEvent = -1;
    public static final AtomicInteger POPS = new AtomicInteger();
    public static volatile Thread lastErased;

    private RecordingBridge() {
    }

    public static void onThreadEvent(int event) {
        lastEvent = event;
        EVENTS.incrementAndGet();
    }

    /** The bridge's beforeErase: records whose maps were about to be erased. */
    public static void beforeErase(Thread thread) {
        lastErased = thread;
        EVENTS.incrementAndGet();
    }

    /** The bridge's exitThenPopAll: the hook, then the original call. */
    public static void exitThenPopAll() {
        onThreadEvent(0);
        PopTarget.popAll();
    }

    /** Stands for StackableScope. */
    public static final class PopTarget {
        public static final String INTERNAL_NAME = "io/localdrop/agent/exit/RecordingBridge$PopTarget";

        private PopTarget() {
        }

        public static void popAll() {
            POPS.incrementAndGet();
        }
    }
}
