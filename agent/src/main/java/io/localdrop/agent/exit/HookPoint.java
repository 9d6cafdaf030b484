package io.localdrop.agent.exit;

import io.localdrop.internal.BridgeProtocol;

/**
 * Every place in the JDK where localdrop hooks the end of a thread's ThreadLocal values (the rows of the table of
 * thread ends in docs/agent.md that are hooked), with what the patch is and which JDKs have it.
 */
enum HookPoint {
    /** Platform threads and the main thread: the VM calls {@code Thread.exit()} on the dying thread. */
    THREAD_EXIT("java/lang/Thread", "exit", "()V", Kind.EVENT_AT_ENTRY, BridgeProtocol.THREAD_EXIT, 17, "platform threads"),
    /** Virtual threads (21+): each {@code StackableScope.popAll()} in {@code VirtualThread.run(Runnable)}'s finally copies. */
    VIRTUAL_THREAD_END("java/lang/VirtualThread", "run", "(Ljava/lang/Runnable;)V", Kind.BEFORE_STATIC_CALL,
            BridgeProtocol.THREAD_EXIT, 21, "virtual threads"),
    /** JDK 25: an idle worker of a ThreadLocal-clearing pool (the common pool) has its maps reset before it waits. */
    WORKER_RESET("java/util/concurrent/ForkJoinWorkerThread", "resetThreadLocals", "()V", Kind.EVENT_AT_ENTRY,
            BridgeProtocol.LOCALS_WIPE, 25, "ForkJoin workers whose ThreadLocals are reset"),
    /**
     * JDK 17 and 21: {@code ForkJoinPool.WorkQueue.topLevelExec} erases the maps of a ThreadLocal-clearing pool's
     * worker (the common pool's, with or without a SecurityManager) after each top-level task, and
     * {@code registerWorker} when the worker starts; both through this method, on the worker itself.
     */
    POOL_ERASE("java/util/concurrent/ThreadLocalRandom", "eraseThreadLocals", "(Ljava/lang/Thread;)V", Kind.ERASE_AT_ENTRY,
            BridgeProtocol.LOCALS_WIPE, 17, "common-pool workers whose ThreadLocals are erased after each task"),
    /** The JDK's innocuous threads: the Cleaner's thread after each cleaning action (and JDK 17's async-channel threads). */
    INNOCUOUS_ERASE("jdk/internal/misc/InnocuousThread", "eraseThreadLocals", "()V", Kind.ERASE_AT_ENTRY,
            BridgeProtocol.LOCALS_WIPE, 17, "Cleaner threads whose ThreadLocals are erased after each cleaning action");

    /** How the hook is placed. */
    enum Kind {
        /** {@code iconst_<event>; invokestatic onThreadEvent} at the method's entry. */
        EVENT_AT_ENTRY,
        /** Each {@code invokestatic callOwner.callName()V} in the method goes to the bridge's method of that shape. */
        BEFORE_STATIC_CALL,
        /** {@code aload_0; invokestatic beforeErase(Thread)} at the method's entry. */
        ERASE_AT_ENTRY
    }

    static final String STACKABLE_SCOPE = "jdk/internal/vm/StackableScope";

    /** The class, in class-file form. */
    final String owner;
    final String method;
    final String descriptor;
    final Kind kind;
    final int event;
    /** The first JDK feature release that has this hook point; the agent warns when it is missing there. */
    final int since;
    /** Which threads lose their destructors without it (the start-up warning's words). */
    final String threads;
    final String callOwner;
    final String callName;

    HookPoint(String owner, String method, String descriptor, Kind kind, int event, int since, String threads) {
        this.owner = owner;
        this.method = method;
        this.descriptor = descriptor;
        this.kind = kind;
        this.event = event;
        this.since = since;
        this.threads = threads;
        this.callOwner = kind == Kind.BEFORE_STATIC_CALL ? STACKABLE_SCOPE : null;
        this.callName = kind == Kind.BEFORE_STATIC_CALL ? "popAll" : null;
    }

    /** {@code ThreadLocalRandom.eraseThreadLocals(Thread)}: the class's simple name and the method, for messages. */
    String display() {
        return owner.substring(owner.lastIndexOf('/') + 1) + "." + method + "()";
    }

    /** The class's binary name, to load or retransform it. */
    String binaryName() {
        return owner.replace('/', '.');
    }
}
