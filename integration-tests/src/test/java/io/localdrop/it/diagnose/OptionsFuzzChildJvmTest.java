package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.localdrop.it.support.ChildJvm;

import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Property, end to end: a JVM given random agent options either runs main, or stops before it with status 2 and
 * exactly one line on stderr, no stack trace, no hs_err file. A seeded sample of a few dozen JVMs (the parser's own
 * property test tries thousands of strings in one JVM); a failure names its case and option string.
 */
class OptionsFuzzChildJvmTest {
    static final long SEED = 0xc0ffee17L;
    static final int CASES = 36;

    /** Good pairs, bad pairs, and near misses; report paths are relative (the child runs in a fresh directory). */
    private static final String[] PAIRS = {"mode=off", "mode=diagnose", "mode=enforce", "mode=fix", "mode=OFF", "mode=",
        "report=r.json", "report=sub/dir/r.json", "report=/proc/x.json", "report=/dev/null/x.json", "report=",
        "reportInterval=10ms", "reportInterval=30s", "reportInterval=9ms", "reportInterval=99999999h", "reportInterval=5",
        "include=com.acme.", "include=a;;b", "include=1com", "exclude=x.y", "exclude=a/b", "onDestructorFailure=log",
        "onDestructorFailure=retry", "maxDestructorRounds=64", "maxDestructorRounds=65", "maxDestructorRounds=+5",
        "clearAfterTask=false", "clearAfterTask=true", "taskBoundary=a.B#run", "taskBoundary=Foo#run",
        "taskBoundary=a.B#run()", "log=quiet", "log=debug", "log=loud", "colour=red", "mode", "=off", " log = info "};
    private static final String NOISE = "abz09.,;#=/ _$-+\u00e9\u4e2d\"'";

    @Test
    void randomOptionsRunMainOrStopWithOneLine() throws Exception {
        Random random = new Random(SEED);
        int ran = 0;
        int stopped = 0;
        for (int i = 0; i < CASES; i++) {
            String options = options(random);
            ChildJvm.Result result = ChildJvm.main(OptionsFuzzFixture.class).agentOptions(options).run();
            String where = "case " + i + " of seed " + SEED + ", options '" + options + "': " + result;
            assertFalse(result.stderr().contains("\tat ") || result.stderr().contains("Exception in"), where);
            if (result.exitCode() == 0) {
                ran++;
                assertEquals(List.of("main ran"), result.stdoutLines(), where);
            } else if (result.exitCode() == 2) {
                stopped++;
                assertEquals(1, result.stderrLines().size(), where);
                assertTrue(result.stderrLines().get(0).startsWith("localdrop: "), where);
                assertEquals("", result.stdout(), where);
                try (Stream<java.nio.file.Path> left = Files.list(result.workingDirectory())) {
                    assertTrue(left.noneMatch(file -> file.getFileName().toString().startsWith("hs_err")), where);
                }
            } else {
                fail("neither a running JVM nor exit 2: " + where);
            }
        }
        assertTrue(ran > 0 && stopped > 0, "ran " + ran + ", stopped " + stopped);
    }

    private static String options(Random random) {
        StringBuilder out = new StringBuilder();
        for (int pairs = 1 + random.nextInt(3); pairs > 0; pairs--) {
            out.append(out.length() > 0 ? "," : "").append(PAIRS[random.nextInt(PAIRS.length)]);
        }
        if (random.nextInt(4) == 0) {
            int at = random.nextInt(out.length() + 1);
            out.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
        }
        String text = out.toString();
        // a mutation must not point a report somewhere outside the child's own directory
        return text.contains("report") && text.contains("..") ? "mode=off" : text;
    }
}
