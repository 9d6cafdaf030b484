package io.localdrop.it.exit;

import io.localdrop.Localdrop;
import io.localdrop.OwnedKey;

import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.lang.reflect.Method;

/**
 * Child-JVM main class for the bridge's defects of issue 10. Scenarios:
 * <ul>
 *   <li>{@code lateInstall RUNTIME_CLASSES FIXTURE_CLASSES}: a runtime copy in a child-first loader asks for the agent
 *   before the application's {@code Localdrop.install()} and uses keys before and after it;</li>
 *   <li>{@code properties}: {@code Localdrop.install()} with system properties that record any non-String put;</li>
 *   <li>{@code failures}: a feature handler and a destructor-failure listener that throw; the failures the bridge
 *   counted are drained into the agent's internal errors;</li>
 *   <li>{@code keyInClose}: under enforce, a plain ThreadLocal's AutoCloseable whose {@code close()} at thread exit
 *   uses an owned key for the first time on that thread.</li>
 * </ul>
 */
public final class BridgeDefectsFixture {
    private BridgeDefectsFixture() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "lateInstall": lateInstall(args[1], args[2]); break;
            case "properties": properties(); break;
            case "keyInClose": keyInClose(); break;
            case "failures": failures(); break;
            default: throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
    }

    private static void lateInstall(String runtimeClasses, String fixtureClasses) throws Exception {
        URL[] urls = {new File(runtimeClasses).toURI().toURL(), new File(fixtureClasses).toURI().toURL()};
        try (SplitBrainFixture.ChildFirstLoader webApp = new SplitBrainFixture.ChildFirstLoader(urls, BridgeDefectsFixture.class.getClassLoader())) {
            @SuppressWarnings("unchecked")
            Function<String, String> workload = (Function<String, String>) webApp.loadClass(LateInstallWorkload.class.getName())
                    .getConstructor().newInstance();
            System.out.println(workload.apply("before install"));
            Localdrop.install();
            System.out.println(workload.apply("after install"));
        }
    }

    /** Records every key or value put into the system properties that is not a String. */
    static final class RecordingProperties extends Properties {
        private static final long serialVersionUID = 1L;
        final transient List<Object> nonStrings = new ArrayList<>();

        @Override
        public synchronized Object put(Object key, Object value) {
            if (!(key instanceof String) || !(value instanceof String)) {
                nonStrings.add(key);
            }
            return super.put(key, value);
        }
    }

    private static void properties() {
        RecordingProperties recording = new RecordingProperties();
        recording.putAll(System.getProperties());
        System.setProperties(recording);
        Localdrop.install();
        System.out.println("agentActive=" + Localdrop.agentActive() + " non-String system properties put: " + recording.nonStrings);
    }

    private static final List<String> EVENTS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final ThreadLocal<AutoCloseable> RESOURCE = new ThreadLocal<>();

    private static void keyInClose() throws InterruptedException {
        OwnedKey<String> first = OwnedKey.named("first-key", () -> "v",
                value -> EVENTS.add("destroyed first-key on " + Thread.currentThread().getName()));
        OwnedKey<String> usedByClose = OwnedKey.named("used-by-close", () -> "v",
                value -> EVENTS.add("destroyed used-by-close on " + Thread.currentThread().getName()));
        Thread worker = new Thread(() -> {
            first.get();
            RESOURCE.set(() -> {
                usedByClose.get();
                EVENTS.add("closed resource on " + Thread.currentThread().getName());
            });
        }, "closing-worker");
        worker.start();
        worker.join();
        EVENTS.add("joined");
        EVENTS.forEach(System.out::println);
    }

    private static void failures() throws Exception {
        ExitFixture.requireInstalledAgent();
        IntConsumer broken = event -> {
            if (event == 0 && Thread.currentThread().getName().equals("failing-worker")) {
                throw new IllegalStateException("a broken feature handler");
            }
        };
        Class.forName("io.localdrop.agent.exit.ExitEvents").getMethod("addHandler", IntConsumer.class).invoke(null, broken);
        io.localdrop.internal.FailurePolicy.setListener((key, thread, failure) -> {
            throw new IllegalStateException("a broken listener");
        });
        OwnedKey<String> key = OwnedKey.named("failing-key", () -> "v", value -> {
            throw new java.io.IOException("destructor fails");
        });
        // a value besides the key, so that the features get the exit (a thread left with only the runtime's state
        // gets no feature event: ThreadExitTest.threadsThatNeverUsedAThreadLocal...)
        ThreadLocal<String> held = new ThreadLocal<>();
        Thread worker = new Thread(() -> {
            key.get();
            held.set("held");
        }, "failing-worker");
        worker.start();
        worker.join();
        Method drain = Class.forName("io.localdrop.agent.exit.BridgeFailures").getMethod("drainInto");
        System.out.println("drained " + drain.invoke(null) + ", then " + drain.invoke(null));
        Class<?> errors = Class.forName("io.localdrop.agent.health.InternalErrors");
        List<String> recorded = new ArrayList<>();
        for (Object entry : (List<?>) errors.getMethod("distinct").invoke(null)) {
            recorded.add(entry.getClass().getMethod("where").invoke(entry) + " x" + entry.getClass().getMethod("count").invoke(entry));
        }
        java.util.Collections.sort(recorded);
        recorded.forEach(System.out::println);
    }
}
