package io.localdrop.agent.diagnose;

import io.localdrop.agent.exit.ExitEvents;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.jfr.FindingEvents;
import io.localdrop.agent.findings.Detectors;
import io.localdrop.agent.findings.ThreadLocalMapReader;
import io.localdrop.agent.findings.ThreadState;
import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.options.LogLevel;
import io.localdrop.agent.report.ReportService;
import io.localdrop.agent.sites.ClassFilter;
import io.localdrop.agent.sites.SiteRewriter;
import io.localdrop.agent.tasks.TaskBoundaryTransformer;
import io.localdrop.agent.tasks.TaskEvents;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;

/**
 * Installs {@code mode=diagnose} (and the tracking that {@code mode=enforce} builds on): the reader of
 * ThreadLocal maps (opens {@code java.lang}), the handler of thread and task events, the task-boundary
 * transformer (retransform-capable, kept for the JVM's life), the access-site rewriter for application
 * classes loaded from now on (returned, for the caller to put in place), and the report. The one class that knows all of diagnose's parts, so that none of
 * them needs to know another's installation.
 */
public final class DiagnoseFeature {
    private DiagnoseFeature() {
    }

    /**
     * Called once at the agent's installation when {@code mode != off}, after the thread-exit hooks are in place.
     *
     * @return the access-site rewriter for application classes loaded from now on, for the caller to register (or
     *     to run from its activation trigger); null when diagnose could not be installed
     */
    public static ClassFileTransformer install(Instrumentation instrumentation, AgentOptions options) {
        try {
            ThreadLocalMapReader.open(instrumentation);
            Detectors.loadVisitors();
            Class<?> bridge = Class.forName(io.localdrop.internal.BridgeProtocol.CLASS_NAME, false, null);
            ExitEvents.addHandler(new TaskEvents());
            ExitEvents.setOwnLocal(ThreadState.agentThreadLocal(), ThreadState.IDLE);
            Findings.listen(FindingEvents.LISTENER); // JFR's io.localdrop.Finding events (nothing without jdk.jfr)
            SiteRewriter rewriter = new SiteRewriter(new ClassFilter(options.include(), options.exclude()));
            new TaskBoundaryTransformer(options.taskBoundaries()).install(instrumentation);
            ReportService.start(options, bridge);
            return rewriter;
        } catch (Throwable failed) {
            io.localdrop.agent.health.InternalErrors.record("diagnose: installation", failed);
            if (options.log() != LogLevel.QUIET) {
                System.err.println("localdrop: warning: diagnose could not be installed (" + failed
                        + "); the application runs without it");
            }
            return null;
        }
    }
}
