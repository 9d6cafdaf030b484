package io.localdrop.it.observe;

import io.localdrop.it.diagnose.LeakyPoolCheck;
import io.localdrop.it.support.ChildJvm;
import io.localdrop.it.support.ReportSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** The examples module's LeakyPool (the demo's program) run under the agent, and the lines its findings name. */
final class LeakyPoolRun {
    static final String SOURCE = "LeakyPool.java";
    static final String CLASS = "io.localdrop.examples.LeakyPool";

    private LeakyPoolRun() {
    }

    /** The report of one run, from {@code report=} in a fresh directory. */
    static String report() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("leaky-pool-");
        Path report = directory.resolve("report.json");
        ChildJvm.Result result = ChildJvm.main(LeakyPoolCheck.class).agentOptions("report=" + report).run().assertExit(0);
        if (!Files.isRegularFile(report)) {
            throw new AssertionError("no report written: " + result);
        }
        return ReportSchema.assertValid(Files.readString(report));
    }

    /** {@code io.localdrop.examples.LeakyPool.method(LeakyPool.java:N)} of the source line holding {@code code}. */
    static String site(String method, String code) throws IOException {
        Path source = Paths.get("..", "examples", "src", "main", "java", "io", "localdrop", "examples", SOURCE);
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(code)) {
                return CLASS + "." + method + "(" + SOURCE + ":" + (i + 1) + ")";
            }
        }
        throw new AssertionError("no line with " + code + " in " + source);
    }

    /** The storing line of the request-context holder, and the reading line. */
    static String setLine() throws IOException {
        return site("authenticate", "CURRENT_USER.set(user);");
    }

    static String readLine() throws IOException {
        return site("handle", "CURRENT_USER.get();");
    }
}
