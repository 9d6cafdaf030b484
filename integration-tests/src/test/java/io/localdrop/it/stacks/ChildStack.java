package io.localdrop.it.stacks;

import io.localdrop.it.support.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A stack run in a child JVM under the agent: the child's main drives its own server or pool, prints its
 * oracle's counts as the line {@code oracle <name> bleedingReads=N reads=M} (via {@link #print}), and exits;
 * this reads the report and those lines back.
 */
public final class ChildStack {

    private final ChildJvm.Result result;
    private final StackReport report;

    private ChildStack(ChildJvm.Result result, StackReport report) {
        this.result = result;
        this.report = report;
    }

    /** Runs {@code main} with {@code args} and the agent ({@code report=} a temporary file), expecting exit 0. */
    public static ChildStack run(String name, Class<?> main, List<String> jvmArgs, String... args) throws Exception {
        Path directory = Files.createTempDirectory("stack-");
        Path reportFile = directory.resolve("report.json");
        try {
            ChildJvm.Result result = ChildJvm.main(main).agentOptions("report=" + reportFile)
                    .jvmArgs(jvmArgs.toArray(new String[0])).args(args).timeout(Duration.ofMinutes(3)).run().assertExit(0);
            if (!Files.exists(reportFile)) {
                throw new AssertionError(name + ": no report written: " + result);
            }
            String json = Files.readString(reportFile);
            StackReport.keep(name, json);
            StackReport report = StackReport.parse(name, json, result.toString());
            System.out.println("real-stack " + name + ": " + report.summaryLine());
            return new ChildStack(result, report);
        } finally {
            Files.deleteIfExists(reportFile);
            Files.deleteIfExists(directory);
        }
    }

    public StackReport report() {
        return report;
    }

    public ChildJvm.Result result() {
        return result;
    }

    /** The child's oracle named {@code name}, as it printed it. */
    public BleedOracle oracle(String name) {
        String prefix = "oracle " + name + " ";
        for (String line : result.stdoutLines()) {
            if (line.startsWith(prefix)) {
                BleedOracle oracle = new BleedOracle();
                int bleeding = Integer.parseInt(value(line, "bleedingReads"));
                int reads = Integer.parseInt(value(line, "reads"));
                for (int i = 0; i < reads; i++) {
                    oracle.read(false, i < bleeding ? "seen" : null);
                }
                return oracle;
            }
        }
        throw new AssertionError("the child printed no '" + prefix + "...' line: " + result);
    }

    /** What a child prints for {@link #oracle}. */
    public static void print(String name, BleedOracle oracle) {
        System.out.println("oracle " + name + " bleedingReads=" + oracle.bleedingReads() + " reads=" + oracle.reads());
        System.out.flush();
    }

    private static String value(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        throw new AssertionError("no " + key + "= in " + line);
    }
}
