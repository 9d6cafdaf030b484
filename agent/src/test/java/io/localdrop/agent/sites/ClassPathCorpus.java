package io.localdrop.agent.sites;

import java.io.File;
import java.io.IOException;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The corpus tests' real code: every class file of the jars on the test class path (JUnit, ArchUnit with its bundled
 * libraries, ASM, byte-buddy-agent), module descriptors and {@code META-INF} versions left out.
 */
final class ClassPathCorpus {
    interface ClassFileConsumer {
        void accept(String internalName, byte[] classFile) throws IOException;
    }

    private ClassPathCorpus() {
    }

    static void forEachClass(ClassFileConsumer consumer) throws IOException {
        for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!path.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(path)) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                        continue;
                    }
                    consumer.accept(name.substring(0, name.length() - ".class".length()),
                            jar.getInputStream(entry).readAllBytes());
                }
            }
        }
    }
}
