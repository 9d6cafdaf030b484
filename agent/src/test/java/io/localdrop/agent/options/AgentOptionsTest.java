package io.localdrop.agent.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {

    @Test
    void noOptionsGiveTheDocumentedDefaults() {
        for (String none : new String[] {null, "", "  "}) {
            AgentOptions options = AgentOptions.parse(none);
            assertEquals(Mode.DIAGNOSE, options.mode());
            assertEquals(Optional.empty(), options.report());
            assertEquals(Optional.empty(), options.reportInterval());
            assertEquals(List.of(), options.include());
            assertEquals(List.of(), options.exclude());
            assertEquals(DestructorFailure.ABORT, options.onDestructorFailure());
            assertEquals(4, options.maxDestructorRounds());
            assertFalse(options.clearAfterTask());
            assertEquals(List.of(), options.taskBoundaries());
            assertEquals(LogLevel.INFO, options.log());
            assertTrue(options.given().isEmpty());
        }
        assertEquals(Mode.DIAGNOSE, AgentOptions.defaults().mode());
    }

    @Test
    void everyOptionIsParsedToItsType(@TempDir Path dir) throws java.io.IOException {
        Path report = dir.resolve("r.json");
        Path suppress = java.nio.file.Files.write(dir.resolve("s.txt"), List.of("BLEED com.acme.X vendor code"));
        AgentOptions options = AgentOptions.parse("mode=enforce,report=" + report + ",reportInterval=30s,"
                + "include=com.acme.;org.example.Foo,exclude=com.acme.internal,onDestructorFailure=log,"
                + "maxDestructorRounds=64,clearAfterTask=true,taskBoundary=com.acme.Worker$Job#handle;a.B#run,log=debug,"
                + "suppress=" + suppress + ",shutdownWait=2s");
        assertEquals(Mode.ENFORCE, options.mode());
        assertEquals(Optional.of(report), options.report());
        assertEquals(Optional.of(Duration.ofSeconds(30)), options.reportInterval());
        assertEquals(List.of("com.acme.", "org.example.Foo"), options.include());
        assertEquals(List.of("com.acme.internal"), options.exclude());
        assertEquals(DestructorFailure.LOG, options.onDestructorFailure());
        assertEquals(64, options.maxDestructorRounds());
        assertTrue(options.clearAfterTask());
        assertEquals(2, options.taskBoundaries().size());
        assertEquals("com.acme.Worker$Job", options.taskBoundaries().get(0).className());
        assertEquals("com/acme/Worker$Job", options.taskBoundaries().get(0).internalClassName());
        assertEquals("handle", options.taskBoundaries().get(0).methodName());
        assertEquals("a.B#run", options.taskBoundaries().get(1).toString());
        assertEquals(LogLevel.DEBUG, options.log());
        assertEquals(Optional.of(suppress), options.suppressFile());
        assertEquals(1, options.suppressions().size());
        assertEquals(Duration.ofSeconds(2), options.shutdownWait());
        assertEquals(List.copyOf(AgentOptions.KNOWN_KEYS), List.copyOf(options.given().keySet()));
        assertEquals("enforce", options.given().get("mode"));
    }

    @Test
    void durationsTakeTheirUnit() {
        assertEquals(Duration.ofMillis(250), AgentOptions.parse("reportInterval=250ms").reportInterval().get());
        assertEquals(Duration.ofMinutes(5), AgentOptions.parse("reportInterval=5m").reportInterval().get());
        assertEquals(Duration.ofHours(2), AgentOptions.parse("reportInterval=2h").reportInterval().get());
    }

    @Test
    void spacesAroundPairsAreAllowed() {
        AgentOptions options = AgentOptions.parse(" mode = off , log=quiet ");
        assertEquals(Mode.OFF, options.mode());
        assertEquals(LogLevel.QUIET, options.log());
        assertEquals("mode=off,log=quiet", options.toString());
    }

    @Test
    void maxDestructorRoundsOutOfRangeNamesTheRange() {
        assertEquals("localdrop: bad agent option 'maxDestructorRounds=99': accepted values are integers from 1 to 64",
                message("maxDestructorRounds=99"));
        assertEquals("localdrop: bad agent option 'maxDestructorRounds=0': accepted values are integers from 1 to 64",
                message("maxDestructorRounds=0"));
        assertEquals("localdrop: bad agent option 'maxDestructorRounds=four': accepted values are integers from 1 to 64",
                message("maxDestructorRounds=four"));
    }

    @Test
    void unknownKeyListsTheKnownKeys() {
        assertEquals("localdrop: unknown agent option 'mod=off': known options are mode, report, reportInterval, include,"
                + " exclude, onDestructorFailure, maxDestructorRounds, clearAfterTask, taskBoundary, log, suppress, shutdownWait",
                message("mod=off"));
    }

    @Test
    void badEnumValuesListTheAcceptedOnes() {
        assertEquals("localdrop: bad agent option 'mode=fix': accepted values are diagnose, enforce, off", message("mode=fix"));
        assertEquals("localdrop: bad agent option 'mode=OFF': accepted values are diagnose, enforce, off", message("mode=OFF"));
        assertEquals("localdrop: bad agent option 'log=loud': accepted values are quiet, info, debug", message("log=loud"));
        assertEquals("localdrop: bad agent option 'onDestructorFailure=ignore': accepted values are abort, log",
                message("onDestructorFailure=ignore"));
        assertEquals("localdrop: bad agent option 'clearAfterTask=yes': accepted values are true, false",
                message("mode=enforce,clearAfterTask=yes"));
    }

    @Test
    void malformedPairsAreRejected() {
        assertTrue(message("mode").startsWith("localdrop: bad agent option 'mode': not a key=value pair;"), message("mode"));
        assertTrue(message("=off").startsWith("localdrop: bad agent option '=off': no option name before '='"));
        assertTrue(message("mode=off,,log=info").contains("empty option between ','"));
        assertTrue(message("mode=off,").contains("empty option between ','"));
    }

    @Test
    void emptyValueIsRejectedWithWhatIsAccepted() {
        assertEquals("localdrop: bad agent option 'mode=': empty value; accepted values are diagnose, enforce, off", message("mode="));
        assertEquals("localdrop: bad agent option 'report=': empty value; accepted values are a file path whose directory"
                + " exists or can be created, and can be written", message("report="));
    }

    @Test
    void duplicateKeyIsRejected() {
        assertEquals("localdrop: bad agent option 'mode=off': option mode is given twice (first as 'mode=diagnose');"
                + " give each option once", message("mode=diagnose,mode=off"));
    }

    @Test
    void badDurationsAreRejected() {
        for (String bad : new String[] {"30", "s", "30sec", "-5s", "0s", "1.5m", "PT30S", "+5s", "\u0665s"}) {
            assertTrue(message("reportInterval=" + bad).startsWith("localdrop: bad agent option 'reportInterval=" + bad + "': "),
                    bad);
        }
    }

    @Test
    void reportIntervalIsBetween10MillisecondsAnd30Days() {
        assertEquals(Duration.ofMillis(10), AgentOptions.parse("reportInterval=10ms").reportInterval().get());
        assertEquals(Duration.ofDays(30), AgentOptions.parse("reportInterval=720h").reportInterval().get());
        for (String bad : new String[] {"9ms", "1ms", "721h", "99999999h", "43201m", "2592001s"}) {
            assertEquals("localdrop: bad agent option 'reportInterval=" + bad + "': out of range; accepted values are a whole"
                    + " number followed by ms, s, m or h, from 10ms to 720h (30 days) (30s, 5m)", message("reportInterval=" + bad));
        }
    }

    @Test
    void maxDestructorRoundsTakesAsciiDigitsOnly() {
        assertEquals(5, AgentOptions.parse("maxDestructorRounds=5").maxDestructorRounds());
        for (String bad : new String[] {"+5", "-5", "\u0665", "5 5", "0x5"}) {
            assertTrue(message("maxDestructorRounds=" + bad).endsWith("accepted values are integers from 1 to 64"), bad);
        }
    }

    @Test
    void aTaskBoundaryIsPackageClassHashMethodInJavaIdentifiers() {
        assertEquals("a.b.C$D#run", AgentOptions.parse("taskBoundary=a.b.C$D#run").taskBoundaries().get(0).toString());
        assertEquals("localdrop: bad agent option 'taskBoundary=Foo#run': 'Foo' has no package; accepted values are"
                + " package.Class#method entries (Java identifiers) separated by ';'", message("taskBoundary=Foo#run"));
        assertTrue(message("taskBoundary=a.B#run;").contains("'' is not package.Class#method"));
        assertTrue(message("taskBoundary=a.B#r#un").contains("is not package.Class#method"));
        assertTrue(message("taskBoundary=a.B #run").contains("'a.B ' is not a fully qualified class name"));
        assertTrue(message("taskBoundary=a.1B#run").contains("is not a fully qualified class name"));
        assertTrue(message("taskBoundary=a.B.#run").contains("is not a fully qualified class name"));
        assertTrue(message("taskBoundary=a.B#1run").contains("'1run' is not a method name"));
        // identifier-ignorable characters pass Character.isJavaIdentifierPart, yet are in no class name
        assertTrue(message("taskBoundary=a.B\u0000x#run").contains("is not a fully qualified class name"));
        assertTrue(message("taskBoundary=a.B#ru\u200bn").contains("is not a method name"));
    }

    @Test
    void aLineBreakInTheValueStillGivesOneLine() {
        for (String bad : new String[] {"mode=a\nb", "log=x\u2028y", "taskBoundary=a.B\u0085#run", "colour=\r", "x\ny"}) {
            String message = message(bad);
            for (int i = 0; i < message.length(); i++) {
                char c = message.charAt(i);
                assertFalse(Character.isISOControl(c) || c == '\u2028' || c == '\u2029', () -> "line break in " + message);
            }
        }
        assertEquals("localdrop: bad agent option 'mode=a\\u000ab': accepted values are diagnose, enforce, off",
                message("mode=a\nb"));
    }

    @Test
    void badPrefixesAndBoundariesAreRejected() {
        assertTrue(message("include=com.acme;;org").contains("empty prefix between ';'"));
        assertTrue(message("exclude=com/acme").contains("write class names with '.'"));
        assertTrue(message("include=1com").contains("'1com' is not a class-name prefix"));
        assertTrue(message("taskBoundary=com.acme.Worker").contains("'com.acme.Worker' is not package.Class#method"));
        assertTrue(message("taskBoundary=com.acme.Worker#").contains("is not package.Class#method"));
        assertTrue(message("taskBoundary=com..Worker#run").contains("is not a fully qualified class name"));
        assertTrue(message("taskBoundary=a.B#run()").contains("'run()' is not a method name"));
    }

    @Test
    void percentPInTheReportPathIsThePidOfThisJvm(@TempDir Path dir) {
        AgentOptions options = AgentOptions.parse("report=" + dir + "/report-%p.json");
        long pid = ProcessHandle.current().pid();
        assertEquals(Optional.of(dir.resolve("report-" + pid + ".json")), options.report());
        assertEquals(dir + "/report-%p.json", options.given().get("report"), "the report's options list the template");
    }

    @Test
    void reportMustNameAFileNotADirectory(@TempDir Path dir) {
        assertTrue(message("report=" + dir).contains("it is a directory"));
        assertTrue(message("report=/").contains("it names no file"));
        assertTrue(message("report=a\u0000b").contains("not a valid path"));
    }

    @Test
    void parsingTheReportOptionTouchesNoFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing/r.json");
        assertEquals(Optional.of(missing), AgentOptions.parse("report=" + missing).report());
        assertFalse(java.nio.file.Files.exists(missing.getParent()), "the directory is made at start-up, not by parse");
    }

    @Test
    void clearAfterTaskNeedsEnforce() {
        assertTrue(message("clearAfterTask=true").contains("it acts only with mode=enforce, but mode is diagnose"));
        assertFalse(AgentOptions.parse("clearAfterTask=false").clearAfterTask());
    }

    @Test
    void everyMessageIsOneLine() {
        for (String bad : new String[] {"mode", "x=y", "mode=", "mode=a,mode=b", "maxDestructorRounds=65", "report=\0"}) {
            String message = message(bad);
            assertFalse(message.contains("\n"), message);
            assertTrue(message.startsWith("localdrop: "), message);
        }
    }

    private static String message(String options) {
        return assertThrows(BadOptionException.class, () -> AgentOptions.parse(options)).getMessage();
    }
}
