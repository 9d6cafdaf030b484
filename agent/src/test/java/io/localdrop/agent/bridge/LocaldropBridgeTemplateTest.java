package io.localdrop.agent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

import io.localdrop.internal.BridgeProtocol;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * The bridge as the JDK and the runtime see it: the template renamed the way {@link BridgeDefiner} renames it
 * (here to a test name, since tests cannot define into java.lang), each test with its own fresh copy.
 */
class LocaldropBridgeTemplateTest {
    private static int copies;

    @Test
    void renamingLeavesNoTraceOfTheTemplateOrTheStandIn() throws Exception {
        byte[] renamed = BridgeDefiner.renamed(BridgeDefiner.templateBytes());
        assertEquals("java/lang/LocaldropBridge", new ClassReader(renamed).getClassName());
        String text = new String(renamed, java.nio.charset.StandardCharsets.ISO_8859_1);
        // javac leaves one unused Class constant naming BridgeProtocol, whose constants it inlined: no instruction uses
        // it, so the bootstrap loader never resolves it. Nothing else may name an agent or runtime class.
        assertFalse(text.replace("io/localdrop/internal/BridgeProtocol", "").contains("io/localdrop/"),
                "no reference to an agent or runtime class is left");
        assertFalse(usesAnyClassOf(renamed, "io/localdrop/"), "no instruction refers to an agent or runtime class");
        assertTrue(text.contains("jdk/internal/vm/StackableScope"));
        assertTrue(text.contains("java/lang/Shutdown"));
        assertTrue(text.contains("Ljdk/internal/vm/annotation/Stable;"), "the lazily set handles are @Stable");
    }

    @Test
    void handlersRunInRegistrationOrderFeatureHandlersAfterEveryRuntimeAndTheRuntimesOnceMoreAtAThreadsEnd() throws Exception {
        Class<?> bridge = freshBridge();
        List<String> calls = new CopyOnWriteArrayList<>();
        call(bridge, "addLateHandler", IntConsumer.class, (IntConsumer) event -> calls.add("feature " + event));
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> calls.add("runtime A " + event));
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> calls.add("runtime B " + event));
        call(bridge, "onThreadEvent", int.class, BridgeProtocol.LOCALS_WIPE);
        call(bridge, "onThreadEvent", int.class, BridgeProtocol.TASK_END);
        // the second runtime round destroys owned keys a feature's handler (an enforce close()) first used
        assertEquals(List.of("runtime A 1", "runtime B 1", "feature 1", "runtime A 1", "runtime B 1",
                "runtime A 3", "runtime B 3", "feature 3"), calls);
    }

    @Test
    void forkJoinBoundariesReachTheHandlersOnForkJoinWorkersButNotOnTheCarriersOfVirtualThreads() throws Exception {
        Class<?> bridge = freshBridge();
        List<String> calls = new CopyOnWriteArrayList<>();
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> calls.add("runtime " + event));
        call(bridge, "addLateHandler", IntConsumer.class, (IntConsumer) event -> calls.add("feature " + event));
        Method onThreadEvent = bridge.getMethod("onThreadEvent", int.class);
        Runnable doExec = () -> {
            try {
                onThreadEvent.invoke(null, BridgeProtocol.FORK_JOIN_START);
                onThreadEvent.invoke(null, BridgeProtocol.FORK_JOIN_END);
            } catch (ReflectiveOperationException failed) {
                throw new AssertionError(failed);
            }
        };

        ForkJoinPool workers = new ForkJoinPool(1);
        try {
            workers.submit(doExec).get(1, TimeUnit.MINUTES);
        } finally {
            workers.shutdown();
        }
        assertEquals(List.of("runtime 4", "feature 4", "runtime 5", "feature 5"), calls);

        if (Runtime.version().feature() < 21) {
            return; // no virtual threads, so no carriers
        }
        // the JDK's carrier class (the test JVM exports jdk.internal.misc to the tests: see the agent's pom)
        java.lang.reflect.Constructor<?> carrier =
                Class.forName("jdk.internal.misc.CarrierThread").getConstructor(ForkJoinPool.class);
        calls.clear();
        ForkJoinPool carriers = new ForkJoinPool(1, pool -> {
            try {
                return (ForkJoinWorkerThread) carrier.newInstance(pool);
            } catch (ReflectiveOperationException failed) {
                throw new AssertionError(failed);
            }
        }, null, false);
        try {
            carriers.submit(doExec).get(1, TimeUnit.MINUTES);
        } finally {
            carriers.shutdown();
        }
        assertEquals(List.of(), calls, "a carrier's doExec runs a virtual thread's continuation: no task of anyone's");
    }

    @Test
    void theCleanupObserverGetsTheRuntimesOwnedKeysAndTheFeaturesClosedValuesOfEachExitAndWipe() throws Exception {
        Class<?> bridge = freshBridge();
        List<String> observed = new CopyOnWriteArrayList<>();
        int[] ownedByCopyA = {BridgeProtocol.tally(3, 1)};
        int[] ownedByCopyB = {BridgeProtocol.tally(2, 2)};
        int[] closedByFeature = {BridgeProtocol.tally(1, 1)};
        call(bridge, "addHandler", IntConsumer.class, new Tallying(ownedByCopyA));
        call(bridge, "addHandler", IntConsumer.class, new Tallying(ownedByCopyB));
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> { }); // an older copy: counts as 0
        call(bridge, "addLateHandler", IntConsumer.class, new Tallying(closedByFeature));
        bridge.getMethod(BridgeProtocol.SET_CLEANUP_OBSERVER_METHOD, IntFunction.class, ObjLongConsumer.class).invoke(null,
                (IntFunction<Object>) event -> "started " + event,
                (ObjLongConsumer<Object>) (started, cleanup) -> observed.add(started + ": owned "
                        + describe(BridgeProtocol.ownedKeysTally(cleanup)) + ", closed "
                        + describe(BridgeProtocol.valuesClosedTally(cleanup))));

        call(bridge, "onThreadEvent", int.class, BridgeProtocol.THREAD_EXIT);
        // both copies, both rounds (each Tallying hands its tally back once, then 0), rounds the largest
        assertEquals(List.of("started 0: owned 5 in 2 rounds, closed 1 in 1 rounds"), observed);

        call(bridge, "onThreadEvent", int.class, BridgeProtocol.LOCALS_WIPE);
        assertEquals(1, observed.size(), "nothing destroyed or closed: no cleanup to observe " + observed);

        ownedByCopyB[0] = BridgeProtocol.tally(4, 1);
        call(bridge, "onThreadEvent", int.class, BridgeProtocol.LOCALS_WIPE);
        call(bridge, "onThreadEvent", int.class, BridgeProtocol.TASK_END);
        assertEquals(List.of("started 0: owned 5 in 2 rounds, closed 1 in 1 rounds",
                "started 1: owned 4 in 1 rounds, closed 0 in 0 rounds"), observed, "task ends are no cleanup");
    }

    @Test
    void anObserverThatWantsNoEventIsNotToldTheCleanup() throws Exception {
        Class<?> bridge = freshBridge();
        List<Long> ended = new CopyOnWriteArrayList<>();
        call(bridge, "addHandler", IntConsumer.class, new Tallying(new int[] {BridgeProtocol.tally(1, 1)}));
        bridge.getMethod(BridgeProtocol.SET_CLEANUP_OBSERVER_METHOD, IntFunction.class, ObjLongConsumer.class).invoke(null,
                (IntFunction<Object>) event -> null, (ObjLongConsumer<Object>) (started, cleanup) -> ended.add(cleanup));
        call(bridge, "onThreadEvent", int.class, BridgeProtocol.THREAD_EXIT);
        assertEquals(List.of(), ended);
    }

    @Test
    void talliesSaturateInsteadOfOverflowingIntoTheRounds() {
        int big = BridgeProtocol.tally(Integer.MAX_VALUE, 200);
        assertEquals(BridgeProtocol.TALLY_COUNT_MASK, BridgeProtocol.tallyCount(big));
        assertEquals(127, BridgeProtocol.tallyRounds(big));
        long cleanup = BridgeProtocol.cleanupOf(big, BridgeProtocol.tally(7, 3));
        assertEquals(big, BridgeProtocol.ownedKeysTally(cleanup));
        assertEquals(7, BridgeProtocol.tallyCount(BridgeProtocol.valuesClosedTally(cleanup)));
    }

    private static String describe(int tally) {
        return BridgeProtocol.tallyCount(tally) + " in " + BridgeProtocol.tallyRounds(tally) + " rounds";
    }

    /**
     * A handler as the runtime's and enforce's are: an IntConsumer that hands back the tally of what it destroyed, here
     * the value in {@code tally[0]}, once (then there is nothing left: 0, as in the second round).
     */
    private static final class Tallying implements IntConsumer, IntUnaryOperator {
        private final int[] tally;

        Tallying(int[] tally) {
            this.tally = tally;
        }

        @Override
        public void accept(int event) {
            throw new AssertionError("a bridge that wants the tally calls applyAsInt");
        }

        @Override
        public int applyAsInt(int event) {
            if (event > BridgeProtocol.LOCALS_WIPE) {
                return 0;
            }
            int destroyed = tally[0];
            tally[0] = 0;
            return destroyed;
        }
    }

    @Test
    void beforeEraseSendsTheWipeOnlyForTheCurrentThreadsOwnMaps() throws Exception {
        Class<?> bridge = freshBridge();
        List<String> calls = new CopyOnWriteArrayList<>();
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> calls.add("runtime " + event));
        call(bridge, "beforeErase", Thread.class, new Thread("being set up"));
        assertEquals(List.of(), calls);
        call(bridge, "beforeErase", Thread.class, Thread.currentThread());
        assertEquals(List.of("runtime " + BridgeProtocol.LOCALS_WIPE), calls);
    }

    @Test
    void swallowedFailuresAreCountedWithWhereAndTypeForTheAgentToRead() throws Exception {
        Class<?> bridge = freshBridge();
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> {
            throw new IllegalStateException("broken handler");
        });
        call(bridge, "onThreadEvent", int.class, 0);
        bridge.getMethod("recordFailure", String.class, String.class).invoke(null, "runtime: somewhere", "java.lang.Error");
        assertEquals(2L, call(bridge, "failureCount", null, null));
        assertEquals(List.of("bridge: a thread-event handler threw: java.lang.IllegalStateException", "runtime: somewhere: java.lang.Error"),
                List.of((String[]) call(bridge, "failures", null, null)));
        for (int i = 0; i < 20; i++) {
            call(bridge, "onThreadEvent", int.class, 0);
        }
        assertEquals(22L, call(bridge, "failureCount", null, null));
        assertEquals(16, ((String[]) call(bridge, "failures", null, null)).length, "only the last 16 are kept");
    }

    @Test
    void aThrowingHandlerNeitherEscapesNorStopsTheOthers() throws Exception {
        Class<?> bridge = freshBridge();
        List<String> calls = new CopyOnWriteArrayList<>();
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> {
            throw new IllegalStateException("broken handler");
        });
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> {
            throw new StackOverflowError();
        });
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> calls.add("ran " + event));
        call(bridge, "onThreadEvent", int.class, 0);
        assertEquals(List.of("ran 0"), calls);
    }

    @Test
    void hooksCountAsInstalledOnlyWhenMarked() throws Exception {
        Class<?> bridge = freshBridge();
        assertEquals(false, call(bridge, "hooksInstalled", null, null));
        call(bridge, "markHooksInstalled", null, null);
        assertEquals(true, call(bridge, "hooksInstalled", null, null));
    }

    @Test
    void initializingWithTheMarkSaysInstalledAndTakesTheMarkAway() throws Exception {
        System.getProperties().put(BridgeProtocol.INSTALLED_MARK, "true");
        Class<?> bridge = freshBridge();
        assertEquals(true, call(bridge, "hooksInstalled", null, null));
        assertFalse(System.getProperties().containsKey(BridgeProtocol.INSTALLED_MARK));
    }

    @Test
    void reportIsTheSourcesValueOrNullNeverAnException() throws Exception {
        Class<?> bridge = freshBridge();
        assertNull(call(bridge, "report", null, null));
        call(bridge, "setReportSource", Supplier.class, (Supplier<String>) () -> "{\"format\":\"localdrop-report/1\"}");
        assertEquals("{\"format\":\"localdrop-report/1\"}", call(bridge, "report", null, null));
        call(bridge, "setReportSource", Supplier.class, (Supplier<String>) () -> {
            throw new IllegalStateException("no report now");
        });
        assertNull(call(bridge, "report", null, null));
    }

    private static boolean usesAnyClassOf(byte[] classFile, String prefix) {
        boolean[] uses = new boolean[1];
        new ClassReader(classFile).accept(new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
            @Override
            public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                               String[] exceptions) {
                uses[0] |= descriptor.contains("L" + prefix);
                return new org.objectweb.asm.MethodVisitor(org.objectweb.asm.Opcodes.ASM9) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String type) {
                        uses[0] |= owner.startsWith(prefix) || type.contains("L" + prefix);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String type, boolean isInterface) {
                        uses[0] |= owner.startsWith(prefix) || type.contains("L" + prefix);
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        uses[0] |= type.startsWith(prefix);
                    }

                    @Override
                    public void visitLdcInsn(Object constant) {
                        uses[0] |= constant instanceof org.objectweb.asm.Type
                                && ((org.objectweb.asm.Type) constant).getInternalName().startsWith(prefix);
                    }
                };
            }
        }, 0);
        return uses[0];
    }

    private static Class<?> freshBridge() throws Exception {
        String name = "test/Bridge" + (++copies);
        byte[] bytes = BridgeDefiner.rename(BridgeDefiner.templateBytes(), BridgeDefiner.TEMPLATE_INTERNAL, name);
        ClassLoader loader = new ClassLoader(LocaldropBridgeTemplateTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String wanted) throws ClassNotFoundException {
                if (wanted.equals(name.replace('/', '.'))) {
                    return defineClass(wanted, bytes, 0, bytes.length);
                }
                throw new ClassNotFoundException(wanted);
            }
        };
        return Class.forName(name.replace('/', '.'), true, loader);
    }

    private static Object call(Class<?> bridge, String method, Class<?> parameter, Object argument) throws Exception {
        Method m = parameter == null ? bridge.getMethod(method) : bridge.getMethod(method, parameter);
        try {
            return parameter == null ? m.invoke(null) : m.invoke(null, argument);
        } catch (InvocationTargetException thrown) {
            throw new AssertionError("the bridge threw", thrown.getCause());
        }
    }
}
