package io.localdrop.it.observe;

import io.localdrop.it.support.ChildJvm;

import java.io.IOException;

/** The command-line tool as users run it: the agent jar's Main-Class, in a JVM of its own, without the agent. */
final class Cli {
    private Cli() {
    }

    static ChildJvm.Result run(String... args) throws IOException, InterruptedException {
        return ChildJvm.main("io.localdrop.agent.cli.Main").noAgent().classPath(ChildJvm.agentJar().toString())
                .args(args).run();
    }
}
