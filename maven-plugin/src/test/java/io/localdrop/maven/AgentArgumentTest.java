package io.localdrop.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.options.BadOptionException;
import io.localdrop.testing.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentArgumentTest {

    @Test
    void onlyTheGivenOptionsAreWrittenInTheAgentsSyntax() {
        AgentArgument argument = new AgentArgument().option("report", "/t/localdrop/report-%p.json")
                .option("mode", null).option("include", " com.acme.;org.example. ").option("exclude", "");
        assertEquals("report=/t/localdrop/report-%p.json,include=com.acme.;org.example.", argument.options());
        assertEquals("-javaagent:/opt/a.jar=report=/t/localdrop/report-%p.json,include=com.acme.;org.example.",
                argument.jvmArgument(Path.of("/opt/a.jar")));
    }

    @Test
    void aPathWithASpaceIsQuotedForSurefire() {
        String jvm = new AgentArgument().option("report", "/my build/report-%p.json").jvmArgument(Path.of("/opt/a.jar"));
        assertEquals("\"-javaagent:/opt/a.jar=report=/my build/report-%p.json\"", jvm);
        assertEquals("\"-Dlocaldrop.reportDirectory=/my build\"", AgentArgument.systemProperty("localdrop.reportDirectory", "/my build"));
    }

    @Test
    void aBadValueGivesTheAgentsOwnMessage() {
        BadOptionException bad = assertThrows(BadOptionException.class,
                () -> new AgentArgument().option("mode", "loud").check());
        assertEquals("localdrop: bad agent option 'mode=loud': accepted values are diagnose, enforce, off", bad.getMessage());
    }

    @Test
    void failOnRanksErrorAboveWarningAboveInfo() {
        assertTrue(CheckMojo.fails(Severity.ERROR, Severity.ERROR));
        assertFalse(CheckMojo.fails(Severity.WARNING, Severity.ERROR));
        assertTrue(CheckMojo.fails(Severity.WARNING, Severity.WARNING));
        assertFalse(CheckMojo.fails(Severity.INFO, Severity.WARNING));
        assertTrue(CheckMojo.fails(Severity.INFO, Severity.INFO));
        assertTrue(CheckMojo.fails(Severity.UNKNOWN, Severity.ERROR), "a severity that cannot be ranked fails");
    }
}
