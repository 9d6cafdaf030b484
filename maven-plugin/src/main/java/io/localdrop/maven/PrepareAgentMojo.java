package io.localdrop.maven;

import io.localdrop.agent.options.BadOptionException;
import io.localdrop.testing.AllowedLeakLog;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Sets a property (default {@code argLine}, which Surefire and Failsafe read) to the agent's {@code -javaagent:}
 * argument, after what the property already holds. Each test JVM writes its own report into
 * {@code reportDirectory} ({@code report-<pid>.json}), which {@code check} reads.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractMojo {

    /** The agent's artifact among the plugin's own dependencies. */
    static final String AGENT_KEY = "io.localdrop:localdrop-agent";
    /** Also set, to the agent jar's path: for {@code LocaldropContainer} (system property of the same name). */
    static final String AGENT_JAR_PROPERTY = "localdrop.agent.jar";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
    private Map<String, Artifact> pluginArtifactMap;

    /** The property that receives the argument; Surefire's {@code argLine} by default. */
    @Parameter(property = "localdrop.propertyName", defaultValue = "argLine")
    private String propertyName;

    /** Where the test JVMs write their reports. */
    @Parameter(property = "localdrop.reportDirectory", defaultValue = "${project.build.directory}/localdrop")
    private File reportDirectory;

    /** Agent option {@code mode}: {@code diagnose} (default), {@code enforce}. */
    @Parameter(property = "localdrop.mode")
    private String mode;

    /** Agent option {@code include}: class-name prefixes separated by {@code ;} whose code is watched. */
    @Parameter(property = "localdrop.include")
    private String include;

    /** Agent option {@code exclude}: class-name prefixes separated by {@code ;} left alone. */
    @Parameter(property = "localdrop.exclude")
    private String exclude;

    /** Agent option {@code clearAfterTask}: {@code true} or {@code false}. */
    @Parameter(property = "localdrop.clearAfterTask")
    private String clearAfterTask;

    /** Agent option {@code suppress}: a suppression file, each entry with its reason (docs/diagnose.md). */
    @Parameter(property = "localdrop.suppress")
    private File suppress;

    /** Agent option {@code taskBoundary}: {@code package.Class#method} entries separated by {@code ;}. */
    @Parameter(property = "localdrop.taskBoundary")
    private String taskBoundary;

    /** Leaves the property alone. */
    @Parameter(property = "localdrop.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("localdrop: skipped (skip=true), " + propertyName + " left unchanged");
            return;
        }
        ReportDirectory reports = new ReportDirectory(reportDirectory.toPath());
        AgentArgument argument = new AgentArgument()
                .option("report", reports.reportOption())
                .option("mode", mode)
                .option("include", include)
                .option("exclude", exclude)
                .option("clearAfterTask", clearAfterTask)
                .option("suppress", suppress == null ? null : suppress.getAbsolutePath())
                .option("taskBoundary", taskBoundary);
        try {
            argument.check();
        } catch (BadOptionException bad) {
            throw new MojoFailureException(bad.getMessage(), bad);
        }
        try {
            int deleted = reports.deleteOldReports();
            if (deleted > 0) {
                getLog().info("localdrop: deleted " + deleted + " report(s) of an earlier build in " + reports.path());
            }
        } catch (IOException e) {
            throw new MojoExecutionException("localdrop: cannot delete the old reports in " + reports.path()
                    + ": " + e, e);
        }
        Path agentJar = agentJar();
        // the directory also tells localdrop-testing where to log the leaks a test allowed (@AllowThreadLocalLeak)
        String jvmArgument = argument.jvmArgument(agentJar) + " "
                + AgentArgument.systemProperty(AllowedLeakLog.DIRECTORY_PROPERTY, reports.path().toAbsolutePath().toString());
        Properties properties = project.getProperties();
        String old = properties.getProperty(propertyName);
        String value = old == null || old.trim().isEmpty() ? jvmArgument
                : old.contains(jvmArgument) ? old : old + " " + jvmArgument;
        properties.setProperty(propertyName, value);
        properties.setProperty(AGENT_JAR_PROPERTY, agentJar.toString());
        getLog().info("localdrop: " + propertyName + " set to " + value);
    }

    private Path agentJar() throws MojoExecutionException {
        Artifact agent = pluginArtifactMap.get(AGENT_KEY);
        if (agent == null || agent.getFile() == null) {
            throw new MojoExecutionException("localdrop: the plugin's dependency " + AGENT_KEY
                    + " is missing; it holds the agent jar");
        }
        return agent.getFile().toPath().toAbsolutePath();
    }
}
