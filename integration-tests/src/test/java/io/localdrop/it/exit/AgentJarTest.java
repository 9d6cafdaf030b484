package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/** The agent jar is self-contained and hides its libraries: only io/localdrop/** and META-INF/**. */
class AgentJarTest {

    @Test
    void onlyLocaldropClassesAndMetadataAndTheRuntimeInside() throws Exception {
        List<String> foreign = new ArrayList<>();
        boolean runtime = false;
        boolean asm = false;
        boolean byteBuddy = false;
        boolean json = false;
        boolean unrelocatedJson = false;
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.startsWith("io/localdrop/") && !name.startsWith("META-INF/") && !name.equals("io/")) {
                    foreign.add(name);
                }
                runtime |= name.equals("io/localdrop/OwnedKey.class");
                asm |= name.equals("io/localdrop/agent/shaded/asm/ClassReader.class");
                byteBuddy |= name.equals("io/localdrop/agent/shaded/bytebuddy/agent/ByteBuddyAgent.class");
                json |= name.equals("io/localdrop/agent/shaded/json/JsonReader.class");
                unrelocatedJson |= name.startsWith("io/localdrop/json/");
            }
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("io.localdrop.agent.LocaldropAgent", manifest.getValue("Premain-Class"));
            assertEquals("io.localdrop.agent.LocaldropAgent", manifest.getValue("Agent-Class"));
            assertEquals("true", manifest.getValue("Can-Retransform-Classes"));
        }
        assertEquals(List.of(), foreign);
        assertTrue(runtime && asm && byteBuddy && json, "runtime, relocated ASM, byte-buddy-agent and JSON reader are inside");
        // the JSON reader only relocated: a test class path holds io.localdrop.json itself (localdrop-testing)
        assertFalse(unrelocatedJson, "io/localdrop/json/ in the agent jar");
    }
}
