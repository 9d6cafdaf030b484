package io.localdrop.agent.classfile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

/**
 * A class file read as a resource of its loader ({@code name.class}), so that the agent learns a class's supertypes
 * without loading it: no class is defined and no static initializer runs.
 */
public final class ClassFileResource {
    private ClassFileResource() {
    }

    /**
     * The bytes of {@code internalName}'s class file as {@code loader} (null: the bootstrap loader, through the system
     * loader's resources) finds it, or null when it has none (a generated or hidden class).
     *
     * @throws IOException when the resource is there but cannot be read
     */
    public static byte[] read(ClassLoader loader, String internalName) throws IOException {
        URL resource = loader == null ? ClassLoader.getSystemResource(internalName + ".class")
                : loader.getResource(internalName + ".class");
        if (resource == null) {
            return null;
        }
        try (InputStream in = resource.openStream()) {
            return in.readAllBytes();
        }
    }
}
