package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad agent option stops the JVM before main with status 2 and exactly one line naming the option, the value
 * and what is accepted: no stack trace, no hs_err file, no core dump.
 */
class BadOptionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "maxDestructorRounds=99 | localdrop: bad agent option 'maxDestructorRounds=99': accepted values are integers from 1 to 64",
        "maxDestructorRounds=x | localdrop: bad agent option 'maxDestructorRounds=x': accepted values are integers from 1 to 64",
        "mode=fix | localdrop: bad agent option 'mode=fix': accepted values are diagnose, enforce, off",
        "log=loud | localdrop: bad agent option 'log=loud': accepted values are quiet, info, debug",
        "onDestructorFailure=retry | localdrop: bad agent option 'onDestructorFailure=retry': accepted values are abort, log",
        "clearAfterTask=maybe | localdrop: bad agent option 'clearAfterTask=maybe': accepted values are true, false",
        "reportInterval=soon | localdrop: bad agent option 'reportInterval=soon': accepted values are a whole number followed by ms, s, m or h, from 10ms to 720h (30 days) (30s, 5m)",
        "reportInterval=99999999h | localdrop: bad agent option 'reportInterval=99999999h': out of range; accepted values are a whole number followed by ms, s, m or h, from 10ms to 720h (30 days) (30s, 5m)",
        "taskBoundary=Foo | localdrop: bad agent option 'taskBoundary=Foo': 'Foo' is not package.Class#method; accepted values are package.Class#method entries (Java identifiers) separated by ';'",
        "include=a;;b | localdrop: bad agent option 'include=a;;b': empty prefix between ';'; accepted values are class-name prefixes separated by ';' (com.acme.;org.example.Foo)",
        "report=/dev/null/r.json | localdrop: bad agent option 'report=/dev/null/r.json': cannot create the directory /dev/null (FileAlreadyExistsException: /dev/null); accepted values are a file path whose directory exists or can be created, and can be written",
        "colour=red | localdrop: unknown agent option 'colour=red': known options are mode, report, reportInterval, include, exclude, onDestructorFailure, maxDestructorRounds, clearAfterTask, taskBoundary, log, suppress, shutdownWait",
        "mode | localdrop: bad agent option 'mode': not a key=value pair; expected key=value pairs separated by ',' with keys mode, report, reportInterval, include, exclude, onDestructorFailure, maxDestructorRounds, clearAfterTask, taskBoundary, log, suppress, shutdownWait",
        "mode= | localdrop: bad agent option 'mode=': empty value; accepted values are diagnose, enforce, off",
        "log=info;log=quiet | localdrop: bad agent option 'log=info;log=quiet': accepted values are quiet, info, debug",
        "'log=info,log=quiet' | localdrop: bad agent option 'log=quiet': option log is given twice (first as 'log=info'); give each option once",
        "'mode=off,,log=info' | localdrop: bad agent options 'mode=off,,log=info': empty option between ','; expected key=value pairs separated by ','",
        "clearAfterTask=true | localdrop: bad agent option 'clearAfterTask=true': it acts only with mode=enforce, but mode is diagnose; accepted values are clearAfterTask=true with mode=enforce, or clearAfterTask=false",
    })
    void badOptionStopsTheJvmBeforeMainWithOneLine(String options, String expectedLine) throws Exception {
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).agentOptions(options).args("main").run().assertExit(2);
        assertEquals(List.of(expectedLine), result.stderrLines(), result::toString);
        assertEquals("", result.stdout(), "main must not run: " + result);
        try (Stream<java.nio.file.Path> left = Files.list(result.workingDirectory())) {
            assertEquals(List.of(), left.toList(), "no hs_err or core file: " + result);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"mode=off", "mode=diagnose,log=quiet", "' mode = off , maxDestructorRounds = 64 '"})
    void goodOptionsLetMainRun(String options) throws Exception {
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).agentOptions(options).args("main").run().assertExit(0);
        assertTrue(result.stdout().contains("destroyed main-key on main"), result::toString);
    }
}
