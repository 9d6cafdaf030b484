package io.localdrop.it.observe;

import io.localdrop.agent.html.HtmlReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report in a real browser (headless Chromium): the page of the leaky example's report renders,
 * and its DOM holds the BLEED with its set and read lines; hostile names in a report stay text in the DOM.
 * The screenshot is left at {@code target/html-report.png} (docs/html-report.png is one of these).
 */
class HtmlReportBrowserTest {
    private static final Pattern ARTICLE = Pattern.compile("<article id=\"finding-\\d+\" class=\"finding sev-ERROR\""
            + " data-kind=\"BLEED\">(.*?)</article>", Pattern.DOTALL);

    @Test
    void theLeakyExamplesPageShowsTheBleedAndItsLines() throws Exception {
        HeadlessChromium browser = HeadlessChromium.find();
        Path directory = Files.createTempDirectory("html-report-");
        Path json = Files.writeString(directory.resolve("report.json"), LeakyPoolRun.report());
        Path page = directory.resolve("leaky-pool-report.html");
        Cli.run("html", json.toString(), "-o", page.toString()).assertExit(0); // as users make it

        String dom = browser.dumpDom(page);
        Matcher bleed = ARTICLE.matcher(dom);
        assertTrue(bleed.find(), "no BLEED article in the rendered DOM:\n" + dom);
        String article = bleed.group(1);
        assertTrue(article.contains(LeakyPoolRun.setLine()), "set line missing: " + article);
        assertTrue(article.contains(LeakyPoolRun.readLine()), "read line missing: " + article);
        assertTrue(article.contains("io.localdrop.examples.LeakyPool.CURRENT_USER"), article);
        assertTrue(dom.indexOf("data-kind=\"BLEED\"") < dom.indexOf("data-kind=\"TASK_LEAK\""), "most severe first");
        assertTrue(dom.contains("<svg class=\"tl-bar\""), "the timeline");

        Path png = Paths.get("target", "html-report.png");
        browser.screenshot(page, png, 1000, 1400);
        Path phone = Paths.get("target", "html-report-phone.png");
        browser.screenshot(page, phone, 390, 844);
    }

    @Test
    void hostileNamesRenderAsTextInTheBrowser() throws Exception {
        HeadlessChromium browser = HeadlessChromium.find();
        String hostile = "<script>document.title='owned'</script><img src=x onerror=\\\"document.title='owned'\\\">";
        String json = "{\"format\":\"localdrop-report/1\",\"jvm\":{\"pid\":7,\"javaVersion\":\"17\","
                + "\"startedAt\":\"2026-01-01T00:00:00Z\",\"writtenAt\":\"2026-01-01T00:01:00Z\"},"
                + "\"options\":{\"mode\":\"diagnose\",\"" + hostile + "\":\"" + hostile + "\"},\"findings\":[{\"kind\":\"BLEED\","
                + "\"severity\":\"ERROR\",\"threadLocal\":{\"field\":\"" + hostile + "\",\"type\":\"" + hostile + "\"},"
                + "\"setAt\":[\"" + hostile + "\"],\"readAt\":[\"" + hostile + "\"],\"valueType\":\"" + hostile + "\","
                + "\"valueClassLoader\":\"" + hostile + "\",\"threads\":[\"" + hostile + "\"],\"count\":1,"
                + "\"firstSeen\":\"2026-01-01T00:00:10Z\",\"lastSeen\":\"2026-01-01T00:00:10Z\",\"setStack\":[\"" + hostile
                + "\"],\"readStack\":[]}],\"suppressed\":[],\"unwatched\":[],\"summary\":{},\"internalErrors\":[]}";
        Path page = write("hostile-report.html", HtmlReport.render(json));

        String dom = browser.dumpDom(page);
        assertFalse(dom.contains("<script"), dom);
        assertFalse(dom.contains("<img"), dom);
        assertFalse(dom.contains("owned</title>"), "a script ran:\n" + dom);
        String asText = "&lt;script&gt;document.title='owned'&lt;/script&gt;&lt;img src=x onerror=\"document.title='owned'\"&gt;";
        int shown = 0;
        for (int at = dom.indexOf(asText); at >= 0; at = dom.indexOf(asText, at + 1)) {
            shown++;
        }
        // the field, the type, set, read, value type, loader, thread, stack frame, option name and value
        assertEquals(10, shown, dom);
    }

    private static Path write(String name, String html) throws Exception {
        Path directory = Files.createTempDirectory("html-report-");
        Path page = directory.resolve(name);
        Files.writeString(page, html);
        return page;
    }
}
