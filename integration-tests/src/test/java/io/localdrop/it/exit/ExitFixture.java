package io.localdrop.it.exit;

import io.localdrop.Localdrop;
import io.localdrop.OwnedKey;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Child-JVM main class: {@code ExitFixture <scenario>}. Uses owned keys with no code about the agent (except
 * the install scenario) and prints what happened, one fact per line, for {@link ThreadExitIT} and friends.
 * Destructors record events in a queue, and the main thread prints them after joining, so the order of
 * the lines is the order of the events.
 */
public final class ExitFixture {
    private static final ConcurrentLinkedQueue<String> EVENTS = new ConcurrentLinkedQueue<>();

    private ExitFixture() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "plain": plain(); break;
            case "uncaught": uncaught(); break;
            case "pool": pool(); break;
            case "main": mainThread(); break;
            case "virtual": virtual(Integer.parseInt(args[1])); break;
            case "rounds": rounds(Integer.parseInt(args[1])); break;
            case "failing": failing(); break;
            case "install": install(); break;
            case "wipe": wipe(); break;
            case "features": features(); break;
            case "exitTwice": exitTwice(); break;
            case "quiet": quiet(Integer.parseInt(args[1])); break;
            case "attach": attach(args[1], args[2]); break;
            case "attach-twice": attach(args[1], args[2]); attachAgain(args[1], args[3]); break;
            default: throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
    }

    /** A key whose destructor records "destroyed <key> on <thread>". */
    private static OwnedKey<String> recordingKey(String name) {
        return OwnedKey.named(name, () -> name + "-value",
                value -> EVENTS.add("destroyed " + name + " on " + Thread.currentThread().getName()));
    }

    /**
     * Under {@code -javaagent} the agent installs itself at the first class that needs it (docs/agent.md, "When the
     * agent installs itself"); code that reaches into the agent's internals before any such class asks the runtime
     * first, whose {@code Localdrop} is one.
     */
    static void requireInstalledAgent() {
        if (!io.localdrop.Localdrop.agentActive()) {
            throw new IllegalStateException("the agent is not installed");
        }
    }

    private static void printEvents() {
        for (String event : EVENTS) {
            System.out.println(event);
        }
    }

    private static void plain() throws InterruptedException {
        plain(null);
    }

    /** Two owned keys on a platform thread; {@code alsoHeld}, if given, also holds a value there. */
    private static void plain(ThreadLocal<String> alsoHeld) throws InterruptedException {
        OwnedKey<String> first = recordingKey("first");
        OwnedKey<String> second = recordingKey("second");
        Thread worker = new Thread(() -> {
            first.get();
            second.get();
            if (alsoHeld != null) {
                alsoHeld.set("held");
            }
            EVENTS.add("body done");
        }, "plain-worker");
        worker.start();
        worker.join();
        EVENTS.add("joined");
        printEvents();
    }

    private static void uncaught() throws InterruptedException {
        OwnedKey<String> key = recordingKey("doomed");
        Thread worker = new Thread(() -> {
            key.get();
            throw new IllegalStateException("boom");
        }, "throwing-worker");
        worker.setUncaughtExceptionHandler((thread, failure) ->
                EVENTS.add("handler saw " + failure.getMessage() + " on " + thread.getName() + " key " + key.state()));
        worker.start();
        worker.join();
        EVENTS.add("joined");
        printEvents();
    }

    private static void pool() throws InterruptedException {
        OwnedKey<String> key = recordingKey("pooled");
        AtomicInteger created = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(3, 3, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                task -> new Thread(task, "pool-worker-" + created.incrementAndGet()));
        List<Thread> workers = new ArrayList<>();
        CountDownLatch allBusy = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> {
                key.get();
                synchronized (workers) {
                    workers.add(Thread.currentThread());
                }
                allBusy.countDown();
                try {
                    allBusy.await(); // each of the three tasks holds its own worker
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        allBusy.await();
        EVENTS.add("tasks done");
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        for (Thread worker : workers) {
            worker.join();
        }
        EVENTS.add("workers joined");
        printEvents();
    }

    private static void mainThread() {
        OwnedKey<String> key = OwnedKey.named("main-key", () -> "main-value",
                value -> System.out.println("destroyed main-key on " + Thread.currentThread().getName()));
        key.get();
        System.out.println("main returns");
    }

    /** {@code count} virtual threads, every other one throwing; each destructor must run once, on its thread. */
    private static void virtual(int count) throws Exception {
        Method start = Thread.class.getMethod("startVirtualThread", Runnable.class);
        AtomicIntegerArray destroyed = new AtomicIntegerArray(count);
        AtomicInteger wrongThread = new AtomicInteger();
        AtomicInteger notYetDestroyedAtJoin = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> handled.incrementAndGet());
        OwnedKey<int[]> key = OwnedKey.named("per-virtual-thread", () -> new int[1], value -> {
            destroyed.incrementAndGet(value[0]);
            if (!Thread.currentThread().getName().equals("v" + value[0])) {
                wrongThread.incrementAndGet();
            }
        });
        Thread[] threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            int index = i;
            threads[i] = (Thread) start.invoke(null, (Runnable) () -> {
                Thread.currentThread().setName("v" + index);
                key.get()[0] = index;
                if (index % 2 == 1) {
                    throw new IllegalStateException("virtual thread " + index + " fails");
                }
            });
        }
        for (int i = 0; i < count; i++) {
            threads[i].join();
            if (destroyed.get(i) != 1) {
                notYetDestroyedAtJoin.incrementAndGet();
            }
        }
        int exactlyOnce = 0;
        for (int i = 0; i < count; i++) {
            if (destroyed.get(i) == 1) {
                exactlyOnce++;
            }
        }
        boolean isVirtual = (Boolean) Thread.class.getMethod("isVirtual").invoke(threads[0]);
        System.out.println("virtual=" + isVirtual + " threads=" + count + " destroyedExactlyOnce=" + exactlyOnce
                + " wrongThread=" + wrongThread.get() + " notDestroyedAtJoin=" + notYetDestroyedAtJoin.get()
                + " uncaughtHandled=" + handled.get());
    }

    /** A chain of {@code length} keys, each one's destructor initializing the next (generation g -> g+1). */
    private static void rounds(int length) throws InterruptedException {
        List<OwnedKey<String>> chain = new ArrayList<>();
        for (int i = 1; i <= length; i++) {
            int generation = i;
            chain.add(OwnedKey.named("gen" + generation, () -> "g" + generation, value -> {
                EVENTS.add("destroyed gen" + generation);
                if (generation < length) {
                    chain.get(generation).get();
                }
            }));
        }
        Thread worker = new Thread(() -> chain.get(0).get(), "rounds-worker");
        worker.start();
        worker.join();
        EVENTS.add("joined");
        printEvents();
    }

    /** Two keys; the later one's destructor throws (it is destroyed first). */
    private static void failing() throws InterruptedException {
        OwnedKey<String> calm = recordingKey("calm");
        OwnedKey<String> angry = OwnedKey.named("angry", () -> "x", value -> {
            throw new IllegalStateException("destructor fails on purpose");
        });
        Thread worker = new Thread(() -> {
            calm.get();
            angry.get();
        }, "failing-worker");
        worker.start();
        worker.join();
        EVENTS.add("joined");
        printEvents();
    }

    /**
     * JDK 25 wipes the ThreadLocals of common-pool workers between tasks while they live on: the keys' values must be
     * destroyed first, on the worker. Waits (bounded) for the destructor, then says where it ran.
     */
    private static void wipe() throws Exception {
        CountDownLatch destroyed = new CountDownLatch(1);
        String[] where = new String[1];
        Thread[] worker = new Thread[1];
        OwnedKey<String> key = OwnedKey.named("fj-key", () -> "v", value -> {
            where[0] = Thread.currentThread().getName() + " (the task's worker: " + (Thread.currentThread() == worker[0]) + ")";
            destroyed.countDown();
        });
        ForkJoinPool.commonPool().submit(() -> {
            worker[0] = Thread.currentThread();
            key.get();
        }).get();
        boolean ran = destroyed.await(60, TimeUnit.SECONDS);
        System.out.println("destroyed=" + ran + " on " + where[0] + " worker alive=" + worker[0].isAlive());
    }

    /** An agent feature's handler (through ExitEvents, as diagnose registers) sees the exit after the destructors. */
    private static void features() throws Exception {
        requireInstalledAgent();
        IntConsumer feature = event -> {
            if (Thread.currentThread().getName().equals("plain-worker")) {
                EVENTS.add("feature saw event " + event + " on " + Thread.currentThread().getName());
            }
        };
        Class.forName("io.localdrop.agent.exit.ExitEvents").getMethod("addHandler", IntConsumer.class).invoke(null, feature);
        // a value besides the keys: a thread that held only owned keys has nothing left for a feature (see quiet)
        plain(new ThreadLocal<>());
    }

    /**
     * Threads that never use a ThreadLocal end without an exit event for the features (the bridge only counts them),
     * platform and virtual ones, and so do threads that used only an owned key (destroyed by the runtime first:
     * nothing is left for a feature); threads that used a plain ThreadLocal get theirs.
     */
    private static void quiet(int count) throws Exception {
        requireInstalledAgent();
        java.util.Set<String> exitEvents = java.util.concurrent.ConcurrentHashMap.newKeySet();
        IntConsumer feature = event -> {
            if (event == 0) {
                exitEvents.add(Thread.currentThread().getName());
            }
        };
        Class.forName("io.localdrop.agent.exit.ExitEvents").getMethod("addHandler", IntConsumer.class).invoke(null, feature);
        Class<?> bridge = Class.forName("java.lang.LocaldropBridge", false, null);
        Method quietExits = bridge.getMethod("quietExits");
        ThreadLocal<String> local = new ThreadLocal<>();
        AtomicInteger destroyed = new AtomicInteger();
        OwnedKey<String> key = OwnedKey.named("quiet-key", () -> "v", value -> destroyed.incrementAndGet());
        boolean virtual = Runtime.version().feature() >= 21;
        Method startVirtual = virtual ? Thread.class.getMethod("startVirtualThread", Runnable.class) : null;
        List<Thread> threads = new ArrayList<>();
        int bare = 0;
        long before = (Long) quietExits.invoke(null);
        for (int i = 0; i < count; i++) {
            threads.add(started(new Thread(() -> { }, "bare-platform-" + i)));
            threads.add(started(new Thread(() -> local.set("x"), "local-platform-" + i)));
            threads.add(started(new Thread(key::get, "key-platform-" + i)));
            bare++;
            if (virtual) {
                String suffix = "-virtual-" + i;
                threads.add((Thread) startVirtual.invoke(null, (Runnable) () -> Thread.currentThread().setName("bare" + suffix)));
                threads.add((Thread) startVirtual.invoke(null, (Runnable) () -> {
                    Thread.currentThread().setName("local" + suffix);
                    local.set("x");
                }));
                threads.add((Thread) startVirtual.invoke(null, (Runnable) () -> {
                    Thread.currentThread().setName("key" + suffix);
                    key.get();
                }));
                bare++;
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long counted = (Long) quietExits.invoke(null) - before;
        int perKind = threads.size() / 3;
        System.out.println("bare with an event=" + exitEvents.stream().filter(name -> name.startsWith("bare-")).count()
                + " local with an event=" + (exitEvents.stream().filter(name -> name.startsWith("local-")).count() == perKind)
                + " key-only with an event=" + exitEvents.stream().filter(name -> name.startsWith("key-")).count()
                + " destroyed=" + (destroyed.get() == perKind) + " bare and key-only counted=" + (counted >= 2L * bare));
        String report = (String) bridge.getMethod("report").invoke(null);
        java.util.regex.Matcher seen = java.util.regex.Pattern.compile("\"threadsSeen\": (\\d+)").matcher(report == null ? "" : report);
        System.out.println(seen.find() ? "report counts every thread=" + (Long.parseLong(seen.group(1)) >= threads.size()) : "no report");
    }

    private static Thread started(Thread thread) {
        thread.start();
        return thread;
    }

    /**
     * JDK 17's VM calls Thread.exit() again (up to 3 times) when a call throws: the exit event may come more than
     * once. Here the thread sends itself one through the bridge, as the first call would, and then really exits.
     */
    private static void exitTwice() throws Exception {
        OwnedKey<String> key = recordingKey("once");
        Method event = Class.forName("java.lang.LocaldropBridge", false, null).getMethod("onThreadEvent", int.class);
        Thread worker = new Thread(() -> {
            key.get();
            try {
                event.invoke(null, 0);
            } catch (ReflectiveOperationException broken) {
                throw new IllegalStateException(broken);
            }
            EVENTS.add("state after the first exit event " + key.state());
        }, "twice-worker");
        worker.start();
        worker.join();
        EVENTS.add("joined");
        printEvents();
    }

    /**
     * The agent loaded into this running JVM by an attach tool, with options (its agentmain), as
     * {@code jcmd <pid> JVMTI.agent_load} or {@code VirtualMachine.loadAgent} would; the attaching is done with
     * the agent jar's own relocated byte-buddy-agent.
     */
    private static void attach(String agentJar, String options) throws Exception {
        System.out.println("before attach agentActive=" + Localdrop.agentActive());
        loadAgent(agentJar, options);
        System.out.println("after attach agentActive=" + Localdrop.agentActive());
        if (Localdrop.agentActive()) {
            plain();
        }
    }

    /** A second attach, with other options, into this JVM where an attach installed the agent already. */
    private static void attachAgain(String agentJar, String options) throws Exception {
        loadAgent(agentJar, options);
        System.out.println("after second attach agentActive=" + Localdrop.agentActive());
    }

    /** Loads the agent jar into this JVM with options, through the jar's own relocated byte-buddy-agent. */
    private static void loadAgent(String agentJar, String options) throws Exception {
        Class.forName("io.localdrop.agent.shaded.bytebuddy.agent.ByteBuddyAgent")
                .getMethod("attach", java.io.File.class, String.class, String.class)
                .invoke(null, new java.io.File(agentJar), Long.toString(ProcessHandle.current().pid()), options);
    }

    /** Localdrop.install() in a JVM started without the agent. */
    private static void install() throws InterruptedException {
        System.out.println("before install agentActive=" + Localdrop.agentActive());
        Localdrop.install();
        System.out.println("after install agentActive=" + Localdrop.agentActive());
        Localdrop.install(); // idempotent
        System.out.println("after second install agentActive=" + Localdrop.agentActive());
        plain();
    }
}
