package io.localdrop.maven;

import io.localdrop.agent.cli.ReportMerge;
import io.localdrop.agent.html.HtmlReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the HTML report ({@code index.html}, one self-contained page) of the reports the test JVMs wrote: one
 * report as it is, several (forked test JVMs) merged first, the same leak in several JVMs being one finding with
 * the counts added. The page is the agent's own ({@code HtmlReport}, the same as {@code java -jar
 * localdrop-agent.jar html}). Bound to {@code verify} like JaCoCo's {@code report}; put it before {@code check} in
 * the execution's goals so that a failing check still leaves the page behind.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends ReportsMojo {

    /** Where the page goes: {@code index.html} in it. */
    @Parameter(property = "localdrop.htmlDirectory", defaultValue = "${project.reporting.outputDirectory}/localdrop")
    private File outputDirectory;

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped("report")) {
            return;
        }
        ReportDirectory directory = reports();
        Path page = outputDirectory.toPath().resolve("index.html");
        try {
            List<Path> files = directory.reports();
            if (files.isEmpty()) {
                getLog().warn("localdrop: no report in " + directory.path() + " (prepare-agent did not run, or no test"
                        + " JVM received its argument): no HTML report written");
                return;
            }
            Map<String, String> reports = new LinkedHashMap<>();
            for (Path file : files) {
                reports.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
            String json = reports.size() == 1 ? reports.values().iterator().next() : ReportMerge.merge(reports);
            Files.createDirectories(page.getParent());
            Files.writeString(page, HtmlReport.render(json), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("localdrop: cannot write the HTML report " + page + " from the reports in "
                    + directory.path() + ": " + e.getMessage(), e);
        }
        getLog().info("localdrop: HTML report of " + directory.path() + " written to " + page);
    }
}
