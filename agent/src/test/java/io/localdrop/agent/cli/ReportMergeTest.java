package io.localdrop.agent.cli;

import io.localdrop.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merging reports: one finding per leak across JVMs, counters summed, sources listed, the format kept. */
class ReportMergeTest {
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."), "..", "testing", "src", "test",
            "resources", "golden-report.json");

    @Test
    @SuppressWarnings("unchecked")
    void theSameReportTwiceGivesEachFindingOnceWithDoubleCounts() throws Exception {
        String golden = Files.readString(GOLDEN);
        Map<String, String> reports = new LinkedHashMap<>();
        reports.put("a.json", golden);
        reports.put("b.json", golden.replace("\"pid\": 4242", "\"pid\": 4343")
                .replace("\"writtenAt\": \"2026-11-18T11:08:40Z\"", "\"writtenAt\": \"2026-11-18T12:00:00Z\""));
        Map<String, Object> merged = (Map<String, Object>) JsonReader.parse(ReportMerge.merge(reports));

        assertEquals("localdrop-report/1", merged.get("format"));
        List<Object> findings = (List<Object>) merged.get("findings");
        assertEquals(3, findings.size(), "the same three leaks");
        Map<String, Object> bleed = (Map<String, Object>) findings.get(0);
        assertEquals("BLEED", bleed.get("kind"));
        assertEquals(34L, bleed.get("count"));
        assertEquals(List.of("a.json", "b.json"), bleed.get("jvms"));
        assertEquals(List.of("http-nio-8080-exec-1", "http-nio-8080-exec-2"), bleed.get("threads"), "names once each");
        assertEquals(4L, bleed.get("threadCount"), "two JVMs' threads are four threads");
        assertEquals(2L, bleed.get("threadsListed"));
        assertEquals(false, bleed.get("threadsTruncated"));
        assertEquals(2L, bleed.get("instances"));

        Map<String, Object> summary = (Map<String, Object>) merged.get("summary");
        assertEquals(1L, summary.get("errors"), "recounted from the merged findings, not summed");
        assertEquals(24L, summary.get("threadsSeen"));
        assertEquals(10L, summary.get("internalErrors"));
        assertEquals(8L, ((Map<String, Object>) ((List<Object>) merged.get("internalErrors")).get(0)).get("count"));
        assertEquals(18L, ((Map<String, Object>) ((List<Object>) merged.get("suppressed")).get(0)).get("count"));
        assertEquals(6L, ((Map<String, Object>) ((List<Object>) merged.get("unwatched")).get(0)).get("count"));
        assertEquals("2026-11-18T12:00:00Z", ((Map<String, Object>) merged.get("jvm")).get("writtenAt"));
        List<Object> jvms = (List<Object>) merged.get("jvms");
        assertEquals(4343L, ((Map<String, Object>) jvms.get(1)).get("pid"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void differentLeaksStaySeparateAndTheMostSevereComesFirst() {
        Map<String, String> reports = new LinkedHashMap<>();
        reports.put("info.json", report(finding("CACHE", "INFO", "x.Cache.take(Cache.java:3)", 2)));
        reports.put("error.json", report(finding("BLEED", "ERROR", "x.Filter.set(Filter.java:9)", 5) + ","
                + finding("CACHE", "INFO", "x.Cache.take(Cache.java:3)", 1)));
        Map<String, Object> merged = (Map<String, Object>) JsonReader.parse(ReportMerge.merge(reports));
        List<Object> findings = (List<Object>) merged.get("findings");
        assertEquals(2, findings.size());
        assertEquals("BLEED", ((Map<String, Object>) findings.get(0)).get("kind"));
        assertEquals(List.of("error.json"), ((Map<String, Object>) findings.get(0)).get("jvms"));
        assertEquals(3L, ((Map<String, Object>) findings.get(1)).get("count"));
        assertEquals(List.of("info.json", "error.json"), ((Map<String, Object>) findings.get(1)).get("jvms"));
    }

    @Test
    void aTextThatIsNoReportIsRefusedByName() {
        Map<String, String> reports = new LinkedHashMap<>();
        reports.put("good.json", report(""));
        reports.put("bad.json", "{\"format\": \"something/2\"}");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ReportMerge.merge(reports));
        assertTrue(refused.getMessage().startsWith("bad.json: "), refused.getMessage());
        reports.put("bad.json", "{");
        refused = assertThrows(IllegalArgumentException.class, () -> ReportMerge.merge(reports));
        assertTrue(refused.getMessage().startsWith("bad.json: malformed JSON"), refused.getMessage());
    }

    @Test
    void aReportHoldingAFractionIsRefusedByName() {
        // refused by the writer after the merge, the message named no source: "a report holds no number like 1.5"
        Map<String, String> reports = new LinkedHashMap<>();
        reports.put("good.json", report(""));
        reports.put("float.json", report(finding("CACHE", "INFO", "x.Cache.take(Cache.java:3)", 2).replace("\"count\":2", "\"count\":1.5")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ReportMerge.merge(reports));
        assertEquals("float.json: not a localdrop-report/1 report (it holds the number 1.5; a report's numbers are whole)",
                refused.getMessage());
    }

    @Test
    void aReportOfAnotherShapeIsRefusedNamingTheMember() {
        // read as empty or cast, such members ended the tool with a ClassCastException or merged into a report that
        // no reader of the format accepts ("findings": {} became no findings, [1, "x"] an empty INFO finding)
        String good = finding("CACHE", "INFO", "x.Cache.take(Cache.java:3)", 2);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(report(good).replace("\"findings\":[" + good + "]", "\"findings\":{}"), "findings is not a list");
        cases.put(report("1, \"x\""), "findings[0] is not an object");
        cases.put(report(good.replace("\"firstSeen\":\"2026-01-01T00:00:10Z\"", "\"firstSeen\":5")),
                "findings[0].firstSeen is not a string (an instant)");
        cases.put(report(good.replace("\"count\":2", "\"count\":0")), "findings[0].count is not a whole number of at least 1");
        cases.put(report(good.replace("\"kind\":\"CACHE\"", "\"kind\":\"LEAK\"")), "findings[0].kind is not one of");
        cases.put(report(good.replace("\"threads\":[\"t\"],", "")), "findings[0] has no threads");
        cases.put(report(good).replace("\"internalErrors\":[]", "\"internalErrors\":[7]"), "internalErrors[0] is not an object");
        cases.put(report(good).replace("," + SUMMARY, ""), "it has no summary");
        cases.put(report(good).replace("\"errors\":0", "\"errors\":-3"), "summary.errors is not a whole number of at least 0");
        cases.put(report(good).replace("\"threadsSeen\":1,", ""), "summary has no threadsSeen");
        cases.put(report(good).replace("\"infos\":1", "\"infos\":1,\"sites\":\"many\""), "summary.sites is not a whole number");
        cases.put(report(good.replace("\"count\":2", "\"count\":2,\"threadCount\":-1")),
                "findings[0].threadCount is not a whole number of at least 0");
        cases.put(report(good).replace("\"internalErrors\":[]",
                "\"internalErrors\":[{\"where\":\"w\",\"type\":\"t\",\"message\":null,\"count\":0}]"),
                "internalErrors[0].count is not a whole number of at least 1");
        for (Map.Entry<String, String> each : cases.entrySet()) {
            Map<String, String> reports = new LinkedHashMap<>();
            reports.put("good.json", report(good));
            reports.put("odd.json", each.getKey());
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ReportMerge.merge(reports), each.getKey());
            assertTrue(refused.getMessage().startsWith("odd.json: not a localdrop-report/1 report: " + each.getValue()),
                    refused.getMessage());
        }
    }

    /** A report of the given findings (JSON texts) that passes ReportShape. */
    static String report(String findings) {
        return "{\"format\":\"localdrop-report/1\",\"jvm\":{\"pid\":1,\"javaVersion\":\"17\",\"startedAt\":\"2026-01-01T00:00:00Z\","
                + "\"writtenAt\":\"2026-01-01T00:01:00Z\"},\"options\":{\"mode\":\"diagnose\"},\"findings\":[" + findings
                + "],\"suppressed\":[],\"unwatched\":[]," + SUMMARY + ",\"internalErrors\":[]}";
    }

    /** A summary with the five counts the schema requires. */
    private static final String SUMMARY = "\"summary\":{\"threadsSeen\":1,\"threadLocalsTracked\":1,\"errors\":0,\"warnings\":0,\"infos\":1}";

    static String finding(String kind, String severity, String setAt, long count) {
        return "{\"kind\":\"" + kind + "\",\"severity\":\"" + severity + "\",\"threadLocal\":{\"type\":\"java.lang.ThreadLocal\"},"
                + "\"setAt\":[\"" + setAt + "\"],\"readAt\":[],\"valueType\":\"V\",\"valueClassLoader\":\"app\","
                + "\"threads\":[\"t\"],\"count\":" + count + ",\"firstSeen\":\"2026-01-01T00:00:10Z\","
                + "\"lastSeen\":\"2026-01-01T00:00:20Z\",\"setStack\":[],\"readStack\":[]}";
    }
}
