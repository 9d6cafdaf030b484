package io.localdrop.benchmarks.diagnose;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The benchmarks jar's own {@code Premain-Class}: registers one retransform-capable transformer that changes no
 * class. Loading classes under it measures what the JVM charges any transforming agent (one ClassFileLoadHook
 * upcall into Java and one copy of the class bytes per class), so that {@link ClassLoadingBenchmark} can show how
 * much of localdrop's cost is its own.
 */
public final class EmptyTransformerAgent {
    private EmptyTransformerAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                                    ProtectionDomain protectionDomain, byte[] classfileBuffer) {
                return null;
            }
        }, true);
    }
}
