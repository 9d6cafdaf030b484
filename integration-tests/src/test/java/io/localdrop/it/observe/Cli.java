package io.localdrop.it.observe;

import io.localdrop.it.support.ChildJvm;

import java.io.IOException;

/**
 * The command-line tool as users run it: {@code java -jar localdrop-agent.jar ARGS} (the jar's Main-Class), in a JVM
 * of its own, without the agent.
 */
final class Cli {
    private Cli() {
    }

    static ChildJvm.Result run(String... args) throws IOException, InterruptedException {
        // "-jar" and the jar in the main class's place: ChildJvm puts no -cp before it when the class path is empty
        return ChildJvm.main("-jar").noAgent().classPath("").args(ChildJvm.agentJar().toString()).args(args).run();
    }
}
