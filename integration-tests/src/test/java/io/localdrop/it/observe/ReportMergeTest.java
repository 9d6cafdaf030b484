package io.localdrop.it.observe;

import io.localdrop.json.JsonReader;
import io.localdrop.it.support.ChildJvm;
import io.localdrop.it.support.ReportSchema;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code merge} of two JVMs' reports of the same leaky program: one finding per leak, counts added, JVMs listed. */
class ReportMergeTest {
    @Test
    @SuppressWarnings("unchecked")
    void twoRunsOfTheLeakyExampleMergeIntoOneFindingPerLeak() throws Exception {
        Path directory = Files.createTempDirectory("merge-");
        Path first = Files.writeString(directory.resolve("jvm-a.json"), LeakyPoolRun.report());
        Path second = Files.writeString(directory.resolve("jvm-b.json"), LeakyPoolRun.report());
        Path merged = directory.resolve("merged.json");
        ChildJvm.Result result = Cli.run("merge", first.toString(), second.toString(), "-o", merged.toString());
        result.assertExit(0);

        LeakReport a = LeakReport.read(first);
        LeakReport b = LeakReport.read(second);
        ReportSchema.assertValid(Files.readString(merged));
        LeakReport fleet = LeakReport.read(merged); // the strict reader accepts the merged report
        assertEquals(a.findings().size(), fleet.findings().size(), "the same leaks, once each:\n" + Files.readString(merged));
        for (Kind kind : List.of(Kind.BLEED, Kind.TASK_LEAK, Kind.CACHE)) {
            assertEquals(1, fleet.findings(kind).size(), kind + " once");
            Finding one = fleet.findings(kind).get(0);
            assertEquals(a.findings(kind).get(0).count() + b.findings(kind).get(0).count(), one.count(), kind + " counts added");
        }
        Finding bleed = fleet.findings(Kind.BLEED).get(0);
        assertTrue(bleed.setAtContains(LeakyPoolRun.setLine()), bleed.describe());
        assertTrue(bleed.readAtContains(LeakyPoolRun.readLine()), bleed.describe());

        Map<String, Object> raw = (Map<String, Object>) JsonReader.parse(Files.readString(merged));
        Map<String, Object> rawBleed = (Map<String, Object>) ((List<Object>) raw.get("findings")).get(0);
        assertEquals(List.of(first.toString(), second.toString()), rawBleed.get("jvms"));
        List<Object> jvms = (List<Object>) raw.get("jvms");
        assertEquals(a.jvm().pid(), ((Map<String, Object>) jvms.get(0)).get("pid"));
        assertEquals(b.jvm().pid(), ((Map<String, Object>) jvms.get(1)).get("pid"));
    }

    @Test
    void aFileThatIsNoReportIsOneLineAndStatus2() throws Exception {
        Path directory = Files.createTempDirectory("merge-");
        Path good = Files.writeString(directory.resolve("good.json"), LeakyPoolRun.report());
        Path bad = Files.writeString(directory.resolve("bad.json"), "{\"format\": 1");
        ChildJvm.Result result = Cli.run("merge", good.toString(), bad.toString());
        result.assertExit(2);
        assertEquals(1, result.stderrLines().size(), result.toString());
        assertTrue(result.stderr().startsWith("localdrop: " + bad + ": malformed JSON"), result.toString());
    }
}
