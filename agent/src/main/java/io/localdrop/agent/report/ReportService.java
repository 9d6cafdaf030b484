package io.localdrop.agent.report;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.options.LogLevel;
import io.localdrop.internal.BridgeProtocol;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * When the report is written and the summary printed: at JVM shutdown, every {@code reportInterval} (one daemon
 * thread named {@code localdrop-report}, started only when that option is set), and on demand through the
 * bridge's live report ({@code LocaldropBridge.report()}).
 *
 * <p>The last word at shutdown: after every application shutdown hook has returned ({@link AfterApplicationHooks};
 * an ordinary shutdown hook named {@code localdrop-shutdown-report} where that is not possible), then after the
 * threads still running Java code have ended or {@code shutdownWait} has passed ({@link ExitingThreads}), one
 * {@link ReportSnapshot} is taken, the report is written from it and the summary printed from it. No periodic
 * write happens after it.
 */
public final class ReportService implements Supplier<String> {
    private final AgentOptions options;
    /** Guards the report file's writes and {@link #finished}. */
    private final Object writing = new Object();
    private boolean finished;

    private ReportService(AgentOptions options) {
        this.options = options;
    }

    /** Installs the shutdown report, the interval thread if asked, and the live report source. */
    public static ReportService start(AgentOptions options, Class<?> bridge) {
        if (options.report().isPresent()) {
            ReportFile.removeStaleTemporaries(options.report().get()); // those of a killed JVM
        }
        ReportService service = new ReportService(options);
        Runnable last = new Runnable() {
            @Override
            public void run() {
                service.atShutdown();
            }
        };
        if (!AfterApplicationHooks.register(bridge, last)) {
            // the report then races the application's own hooks, as an ordinary hook does (recorded, and said)
            Runtime.getRuntime().addShutdownHook(new Thread(last, "localdrop-shutdown-report"));
            if (options.log() != LogLevel.QUIET) {
                System.err.println("localdrop: warning: the final report cannot wait for the application's shutdown"
                        + " hooks on this JVM; values left by threads that exit during them may be missing");
            }
        }
        if (options.report().isPresent() && options.reportInterval().isPresent()) {
            Thread writer = new Thread(() -> service.periodically(options.reportInterval().get()), "localdrop-report");
            writer.setDaemon(true);
            writer.start();
        }
        if (bridge != null) {
            try {
                bridge.getMethod(BridgeProtocol.SET_REPORT_SOURCE_METHOD, Supplier.class).invoke(null, service);
            } catch (ReflectiveOperationException | RuntimeException unavailable) {
                // an older bridge: no live report, the file and the summary still work
                InternalErrors.record("report: connecting the live report to the bridge", unavailable);
            }
        }
        return service;
    }

    /** The live report, or null (recorded as an internal error) when it cannot be rendered. */
    @Override
    public String get() {
        try {
            return ReportJson.render(options);
        } catch (Throwable failed) {
            InternalErrors.record("report: rendering the live report", failed); // the bridge would drop it silently
            return null;
        }
    }

    /** Until the JVM ends; a failed write is recorded and the next one tried (the thread never dies of it). */
    private void periodically(Duration interval) {
        // in range by the option's check (10 ms..30 days), so toNanos cannot overflow
        long nanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), interval.toNanos());
        while (true) {
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
            }
            Path report = options.report().get();
            synchronized (writing) {
                if (finished) {
                    return;
                }
                write(report, null);
            }
        }
    }

    /** The final report and summary, from one snapshot (runs once, on the thread that shuts the JVM down). */
    private void atShutdown() {
        try {
            ExitingThreads.await(options.shutdownWait());
        } catch (Throwable failed) {
            // a failed wait only makes the report earlier; it is still written
            InternalErrors.record("report: waiting for exiting threads at shutdown", failed);
        }
        try {
            Path report = options.report().orElse(null);
            ReportSnapshot snapshot = ReportSnapshot.take(options.suppressions());
            String notWritten = null;
            synchronized (writing) {
                if (finished) {
                    return;
                }
                finished = true;
                if (report != null) {
                    notWritten = write(report, snapshot);
                    // no periodic write after this one, none cut off by the JVM's end; only with a report, since
                    // ReportFile takes the pid through ProcessHandle, which starts the JDK's reaper pool (whose
                    // ThreadPoolExecutor the agent would rewrite with ASM) in the exit of a JVM that writes nothing
                    ReportFile.close();
                }
            }
            if (options.log() != LogLevel.QUIET) {
                System.err.print(Summary.render(report, notWritten, snapshot));
                System.err.flush();
            }
        } catch (Throwable failed) {
            // never into the JDK's shutdown sequence
            InternalErrors.record("report: the final report at shutdown", failed);
        }
    }

    /**
     * Writes the report of {@code snapshot}, or of a fresh one when null; a failure is said, never thrown.
     *
     * @return null when written, else why not (for the summary, which would otherwise name the file as written)
     */
    private String write(Path report, ReportSnapshot snapshot) {
        try {
            ReportFile.write(report, snapshot == null ? ReportJson.render(options)
                    : ReportJson.render(options, snapshot));
            return null;
        } catch (Throwable failed) {
            InternalErrors.record("report: writing the report file", failed);
            return Summary.notWritten(failed);
        }
    }
}
