package io.localdrop.agent.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Set;

import io.localdrop.internal.BridgeProtocol;

/**
 * Defines {@code java.lang.LocaldropBridge} from {@link LocaldropBridgeTemplate}'s class file, once per JVM.
 *
 * <p>The renaming is a direct rewrite of the class file's constant pool rather than an ASM remapping pass:
 * the template names itself in one UTF-8 constant, and rewriting it costs a few microseconds and loads no
 * class, where a remapper would load a dozen (start-up time is what this agent must not spend).
 */
public final class BridgeDefiner {
    static final String TEMPLATE_INTERNAL = "io/localdrop/agent/bridge/LocaldropBridgeTemplate";
    static final String STAND_IN_INTERNAL = "io/localdrop/agent/bridge/StackableScopeStandIn";
    static final String STACKABLE_SCOPE_INTERNAL = "jdk/internal/vm/StackableScope";
    static final String SHUTDOWN_STAND_IN_INTERNAL = "io/localdrop/agent/bridge/ShutdownStandIn";
    static final String SHUTDOWN_INTERNAL = "java/lang/Shutdown";
    static final String STABLE_STAND_IN_INTERNAL = "io/localdrop/agent/bridge/StableStandIn";
    static final String STABLE_INTERNAL = "jdk/internal/vm/annotation/Stable";

    private BridgeDefiner() {
    }

    /** The bridge if some agent copy defined it already in this JVM, else null. */
    public static Class<?> existing() {
        try {
            return Class.forName(BridgeProtocol.CLASS_NAME, false, null);
        } catch (ClassNotFoundException notYet) {
            return null; // the answer "not defined yet", not a failure
        }
    }

    /**
     * Returns the bridge, defining it first if needed: opens {@code java.lang} to the agent's module and
     * defines the renamed template with a private lookup in {@code Thread}, so the bootstrap loader owns it.
     */
    public static synchronized Class<?> define(Instrumentation instrumentation) throws IOException, IllegalAccessException {
        Class<?> bridge = existing();
        if (bridge == null) {
            bridge = defineNow(instrumentation);
        }
        // left set: tells runtime copies that looked before (and found nothing) to look again
        System.setProperty(BridgeProtocol.DEFINED_PROPERTY, BridgeProtocol.CLASS_NAME);
        return bridge;
    }

    private static Class<?> defineNow(Instrumentation instrumentation) throws IOException, IllegalAccessException {
        Class<?> bridge;
        Module javaBase = Thread.class.getModule();
        Module agent = BridgeDefiner.class.getModule();
        if (!javaBase.isOpen("java.lang", agent)) {
            instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
        }
        byte[] bytes = bridgeBytes(instrumentation);
        MethodHandles.Lookup inJavaLang = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
        try {
            return inJavaLang.defineClass(bytes);
        } catch (LinkageError raced) {
            // another copy of the agent (another class loader) defined it in between
            bridge = existing();
            if (bridge == null) {
                throw raced;
            }
            return bridge;
        }
    }

    /** The template's class file with its own name and the stand-ins' replaced. */
    static byte[] bridgeBytes(Instrumentation instrumentation) throws IOException {
        byte[] template = TemplateCapture.capture(instrumentation, BridgeDefiner.class.getClassLoader());
        if (template == null) {
            template = templateBytes();
        }
        return renamed(template);
    }

    /**
     * The template's class file with every name the bridge needs renamed: its own and its stand-ins'
     * ({@link StackableScopeStandIn}, {@link ShutdownStandIn}, {@link StableStandIn}), in one pass.
     */
    static byte[] renamed(byte[] template) {
        return rename(template, new String[] {TEMPLATE_INTERNAL, STAND_IN_INTERNAL, SHUTDOWN_STAND_IN_INTERNAL,
                STABLE_STAND_IN_INTERNAL}, new String[] {BridgeProtocol.INTERNAL_NAME, STACKABLE_SCOPE_INTERNAL,
                SHUTDOWN_INTERNAL, STABLE_INTERNAL});
    }

    /**
     * Says the hooks are installed; call it once the JDK classes are patched. At JVM start ({@code live} false) it
     * initializes the bridge with the String mark its static initializer takes as "hooks installed", so no
     * reflection is on the start-up path; nothing else runs yet that could read the properties meanwhile. In a
     * running JVM ({@code live}) no property is touched, since application threads may be storing the system
     * properties right then; the bridge is told through reflection.
     */
    public static void markHooksInstalled(boolean live) throws ReflectiveOperationException {
        if (live) {
            Class.forName(BridgeProtocol.CLASS_NAME, true, null).getMethod(BridgeProtocol.MARK_HOOKS_INSTALLED_METHOD).invoke(null);
            return;
        }
        System.getProperties().put(BridgeProtocol.INSTALLED_MARK, "true");
        Class<?> bridge = Class.forName(BridgeProtocol.CLASS_NAME, true, null);
        if (System.getProperties().remove(BridgeProtocol.INSTALLED_MARK) != null) {
            // the bridge had been initialized before (an earlier, failed installation): tell it the slow way
            bridge.getMethod(BridgeProtocol.MARK_HOOKS_INSTALLED_METHOD).invoke(null);
        }
    }

    /** The template's class file read as a resource: the slow way (URL connection classes), when capture failed. */
    static byte[] templateBytes() throws IOException {
        try (InputStream in = BridgeDefiner.class.getResourceAsStream("LocaldropBridgeTemplate.class")) {
            if (in == null) {
                throw new IOException("LocaldropBridgeTemplate.class is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }

    /**
     * Rewrites every UTF-8 constant equal to {@code from} to {@code to}, and every {@code Lfrom;} inside a
     * descriptor constant, leaving the rest of the class file untouched.
     */
    static byte[] rename(byte[] classFile, String from, String to) {
        return rename(classFile, new String[] {from}, new String[] {to});
    }

    /**
     * {@link #rename(byte[], String, String)} for each {@code from[i]} to {@code to[i]} in one pass over the constant
     * pool. It runs at the installation, interpreted: a constant that holds none of the names (most of them) is
     * copied as it is, found so by looking for the names' common beginning only.
     */
    static byte[] rename(byte[] classFile, String[] from, String[] to) {
        byte[][] names = new byte[from.length][];
        byte[][] descriptors = new byte[from.length][];
        byte[][] newNames = new byte[from.length][];
        byte[][] newDescriptors = new byte[from.length][];
        for (int i = 0; i < from.length; i++) {
            names[i] = ascii(from[i]);
            descriptors[i] = ascii("L" + from[i] + ";");
            newNames[i] = ascii(to[i]);
            newDescriptors[i] = ascii("L" + to[i] + ";");
        }
        byte[] common = commonBeginning(names);
        ByteArrayOutputStream out = new ByteArrayOutputStream(classFile.length + 64);
        out.write(classFile, 0, 10);
        int count = u2(classFile, 8);
        int at = 10;
        for (int index = 1; index < count; index++) {
            int tag = classFile[at] & 0xff;
            int size;
            switch (tag) {
                case 1: // Utf8
                    int length = u2(classFile, at + 1);
                    int start = at + 3;
                    if (indexOf(classFile, common, start, start + length) < 0) {
                        out.write(classFile, at, 3 + length); // names none of them
                    } else {
                        byte[] text = slice(classFile, start, length);
                        for (int i = 0; i < names.length; i++) {
                            text = equal(text, names[i]) ? newNames[i] : replaceAll(text, descriptors[i], newDescriptors[i]);
                        }
                        out.write(1);
                        out.write(text.length >>> 8);
                        out.write(text.length & 0xff);
                        out.write(text, 0, text.length);
                    }
                    at = start + length;
                    continue;
                case 7: case 8: case 16: case 19: case 20:
                    size = 3;
                    break;
                case 15:
                    size = 4;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    size = 5;
                    break;
                case 5: case 6:
                    size = 9;
                    index++; // takes two slots
                    break;
                default:
                    throw new IllegalArgumentException("unknown constant-pool tag " + tag + " at byte " + at);
            }
            out.write(classFile, at, size);
            at += size;
        }
        out.write(classFile, at, classFile.length - at);
        return out.toByteArray();
    }

    /** The longest beginning that all of {@code names} share. */
    private static byte[] commonBeginning(byte[][] names) {
        int length = names[0].length;
        for (byte[] name : names) {
            length = Math.min(length, name.length);
            for (int i = 0; i < length; i++) {
                if (name[i] != names[0][i]) {
                    length = i;
                    break;
                }
            }
        }
        return slice(names[0], 0, length);
    }

    private static int u2(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
    }

    private static byte[] slice(byte[] bytes, int start, int length) {
        byte[] part = new byte[length];
        System.arraycopy(bytes, start, part, 0, length);
        return part;
    }

    private static boolean equal(byte[] a, byte[] b) {
        return java.util.Arrays.equals(a, b);
    }

    private static byte[] replaceAll(byte[] text, byte[] from, byte[] to) {
        int found = indexOf(text, from, 0);
        if (found < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 32);
        int at = 0;
        while (found >= 0) {
            out.write(text, at, found - at);
            out.write(to, 0, to.length);
            at = found + from.length;
            found = indexOf(text, from, at);
        }
        out.write(text, at, text.length - at);
        return out.toByteArray();
    }

    private static int indexOf(byte[] text, byte[] part, int from) {
        return indexOf(text, part, from, text.length);
    }

    /** Where {@code part} starts within {@code text[from, end)}, or -1. */
    private static int indexOf(byte[] text, byte[] part, int from, int end) {
        outer:
        for (int i = from; i <= end - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (text[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }
}
