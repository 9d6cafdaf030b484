package io.localdrop.agent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

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
        assertFalse(text.contains("io/localdrop/"), "no reference to an agent class is left");
        assertTrue(text.contains("jdk/internal/vm/StackableScope"));
        assertTrue(text.contains("java/lang/Shutdown"));
    }

    @Test
    void handlersRunInRegistrationOrderAndFeatureHandlersAfterEveryRuntime() throws Exception {
        Class<?> bridge = freshBridge();
        List<String> calls = new CopyOnWriteArrayList<>();
        call(bridge, "addLateHandler", IntConsumer.class, (IntConsumer) event -> calls.add("feature " + event));
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> calls.add("runtime A " + event));
        call(bridge, "addHandler", IntConsumer.class, (IntConsumer) event -> calls.add("runtime B " + event));
        call(bridge, "onThreadEvent", int.class, 1);
        assertEquals(List.of("runtime A 1", "runtime B 1", "feature 1"), calls);
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
        System.getProperties().put(BridgeDefiner.INSTALLED_MARK, Boolean.TRUE);
        Class<?> bridge = freshBridge();
        assertEquals(true, call(bridge, "hooksInstalled", null, null));
        assertFalse(System.getProperties().containsKey(BridgeDefiner.INSTALLED_MARK));
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
