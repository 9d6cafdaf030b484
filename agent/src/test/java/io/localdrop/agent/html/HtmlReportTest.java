package io.localdrop.agent.html;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's content and its escaping, without a browser (the browser test is
 * integration-tests' HtmlReportBrowserTest): the golden report's findings in severity order with their
 * lines, and hostile names that stay text.
 */
class HtmlReportTest {
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."), "..", "testing", "src", "test",
            "resources", "golden-report.json");

    @Test
    void goldenReportShowsEveryFindingMostSevereFirstWithItsLines() throws Exception {
        String page = HtmlReport.render(Files.readString(GOLDEN));
        int bleed = page.indexOf("data-kind=\"BLEED\"");
        int taskLeak = page.indexOf("data-kind=\"TASK_LEAK\"");
        int exitLeak = page.indexOf("data-kind=\"EXIT_LEAK\"");
        assertTrue(bleed > 0 && bleed < taskLeak && taskLeak < exitLeak, page);
        assertTrue(page.contains("<code>com.acme.Filter.doFilter(Filter.java:31)</code>"), page);
        assertTrue(page.contains("<code>com.acme.Service.user(Service.java:12)</code>"), page);
        assertTrue(page.contains("<details class=\"stack\"><summary>set stack (2 frames)</summary>"), page);
        assertTrue(page.contains("<svg class=\"tl-bar\""), "a timeline bar per finding");
        assertTrue(page.contains("XNIO-1 task-#"), "the unwatched section");
        assertTrue(page.contains("Tomcat&#39;s dispatch data, reused by the container &quot;by design&quot;"),
                "the suppressed section, escaped");
        assertTrue(page.contains("map &quot;table&quot; unreadable"), "the internal errors, escaped");
    }

    @Test
    void aThreadCountAtItsBoundIsShownAsAFloor() {
        String exact = finding("EXIT_LEAK", "WARNING", "t").replace("\"count\":1,", "\"count\":9,\"threadCount\":7,");
        assertTrue(HtmlReport.render(report(exact)).contains("<dt>threads seen</dt><dd>7</dd>"));
        String capped = finding("EXIT_LEAK", "WARNING", "t")
                .replace("\"count\":1,", "\"count\":200000,\"threadCount\":100000,\"threadCountCapped\":true,");
        String page = HtmlReport.render(report(capped));
        assertTrue(page.contains("<dt>threads seen</dt><dd>at least 100000</dd>"), page);
    }

    @Test
    void theRuleThatClassifiedAFindingIsShown() {
        String classified = finding("CACHE", "INFO", "t").replace("\"count\":1,", "\"classifiedBy\":\"own-container\",\"count\":1,");
        assertTrue(HtmlReport.render(report(classified)).contains("<dt>classified by</dt><dd><code>own-container</code></dd>"));
        assertFalse(HtmlReport.render(report(finding("CACHE", "INFO", "t"))).contains("classified by"));
    }

    @Test
    void severityOrderIsRestoredWhenTheReportIsNotSorted() {
        String page = HtmlReport.render(report(finding("CACHE", "INFO", "t") + "," + finding("BLEED", "ERROR", "t")));
        assertTrue(page.indexOf("data-kind=\"BLEED\"") < page.indexOf("data-kind=\"CACHE\""), page);
    }

    @Test
    void hostileNamesStayText() {
        String hostile = "<script>alert(1)</script>\\\"'><img src=x onerror=alert(2)>";
        String page = HtmlReport.render(report(finding("BLEED", "ERROR", hostile)));
        assertFalse(page.contains("<script"), page);
        assertFalse(page.contains("<img"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;"), page);
        assertTrue(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""), "no script may run at all");
    }

    @Test
    void controlCharactersInAThreadNameAreShownAsCodePoints() {
        String page = HtmlReport.render(report(finding("BLEED", "ERROR", "worker\\u0001\\u001b[2J")));
        assertTrue(page.contains("worker\\u0001\\u001b[2J"), page);
        assertFalse(page.contains("\u001b"), page);
    }

    @Test
    void somethingElseThanAReportIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.render("[1]"));
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.render("{\"format\":\"other/1\"}"));
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.render("{\"format\":"));
    }

    @Test
    void theTimelineOfAHugeReportIsCutWithANote() {
        StringBuilder findings = new StringBuilder();
        for (int i = 0; i < Timeline.MAX_ROWS + 5; i++) {
            findings.append(i == 0 ? "" : ",").append(finding("CACHE", "INFO", "t" + i));
        }
        String page = HtmlReport.render(report(findings.toString()));
        assertEquals(Timeline.MAX_ROWS, count(page, "<svg class=\"tl-bar\""));
        assertTrue(page.contains("The first " + Timeline.MAX_ROWS + " of " + (Timeline.MAX_ROWS + 5) + " findings"), "said");
        assertEquals(Timeline.MAX_ROWS + 5, count(page, "<article "), "every finding is still listed");
    }

    @Test
    void aReportWithoutFindingsSaysSo() {
        String page = HtmlReport.render(report(""));
        assertTrue(page.contains("<p>No findings.</p>"), page);
        assertEquals(1, count(page, "<html"));
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    static String report(String findings) {
        return "{\"format\":\"localdrop-report/1\",\"jvm\":{\"pid\":1,\"javaVersion\":\"17\",\"startedAt\":\"2026-01-01T00:00:00Z\","
                + "\"writtenAt\":\"2026-01-01T00:01:00Z\"},\"options\":{\"mode\":\"diagnose\"},\"findings\":[" + findings
                + "],\"suppressed\":[],\"unwatched\":[],\"summary\":{\"errors\":0},\"internalErrors\":[]}";
    }

    static String finding(String kind, String severity, String name) {
        return "{\"kind\":\"" + kind + "\",\"severity\":\"" + severity + "\",\"threadLocal\":{\"field\":\"a." + name
                + "\",\"type\":\"" + name + "\"},\"setAt\":[\"" + name + ".set(X.java:1)\"],\"readAt\":[],\"valueType\":\""
                + name + "\",\"valueClassLoader\":\"" + name + "\",\"threads\":[\"" + name + "\"],\"count\":1,"
                + "\"firstSeen\":\"2026-01-01T00:00:10Z\",\"lastSeen\":\"2026-01-01T00:00:20Z\",\"setStack\":[\"" + name
                + "\"],\"readStack\":[]}";
    }
}
