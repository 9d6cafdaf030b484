package io.localdrop.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agentmain-only option report-to=FILE: what it accepts, and what it writes without a bridge. */
class LiveReportRequestTest {
    @Test
    void onlyReportToIsARequest() {
        assertTrue(LiveReportRequest.isRequest("report-to=/tmp/x"));
        assertFalse(LiveReportRequest.isRequest("mode=diagnose,report=/tmp/x"));
        assertFalse(LiveReportRequest.isRequest(null));
    }

    @Test
    void theFileMustBeAbsoluteNewAndInAnExistingDirectory(@TempDir Path directory) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> LiveReportRequest.target("relative.json"));
        assertThrows(IllegalArgumentException.class,
                () -> LiveReportRequest.target(directory.resolve("missing").resolve("r.json").toString()));
        Path existing = Files.writeString(directory.resolve("there.json"), "keep");
        assertThrows(IllegalArgumentException.class, () -> LiveReportRequest.target(existing.toString()));
        assertEquals(directory.resolve("new.json"), LiveReportRequest.target(directory.resolve("new.json").toString()));
    }

    @Test
    void anExistingFileIsNeverOverwritten(@TempDir Path directory) throws Exception {
        Path existing = Files.writeString(directory.resolve("there.json"), "keep");
        LiveReportRequest.answer("report-to=" + existing);
        assertEquals("keep", Files.readString(existing));
    }

    @Test
    void withoutTheAgentTheFileSaysSo(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("r.json");
        LiveReportRequest.answer("report-to=" + file);
        // these unit tests run without the agent: no bridge in java.lang
        assertEquals("error: localdrop is not loaded in this JVM", Files.readString(file));
    }
}
