package io.localdrop.agent.bridge;

import io.localdrop.agent.health.InternalErrors;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Gets the template's class file by loading the template class (without initializing it) with a transformer
 * listening: the class loader reads it from the jar it has open already. Reading it as a resource instead goes
 * through URL and jar-connection classes that cost milliseconds of start-up.
 */
final class TemplateCapture implements ClassFileTransformer {
    private static final String TEMPLATE_BINARY = "io.localdrop.agent.bridge.LocaldropBridgeTemplate";

    private volatile byte[] captured;

    private TemplateCapture() {
    }

    /** The template's bytes, or null if they could not be captured (the template class was loaded already). */
    static byte[] capture(Instrumentation instrumentation, ClassLoader loader) {
        TemplateCapture capture = new TemplateCapture();
        instrumentation.addTransformer(capture, false);
        try {
            Class.forName(TEMPLATE_BINARY, false, loader);
        } catch (ClassNotFoundException | LinkageError unexpected) {
            InternalErrors.record("bridge: capturing the template's class file", unexpected);
            return null; // the caller reads it as a resource instead
        } finally {
            instrumentation.removeTransformer(capture);
        }
        return capture.captured;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (classBeingRedefined == null && BridgeDefiner.TEMPLATE_INTERNAL.equals(className)) {
            captured = classfileBuffer.clone();
        }
        return null;
    }
}
