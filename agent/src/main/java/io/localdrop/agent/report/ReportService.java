package io.localdrop.agent.report;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.options.LogLevel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * When the report is written and the summary printed: at JVM shutdown (a shutdown hook), every
 * {@code reportInterval} (one daemon thread named {@code localdrop-report}, started only when that option
 * is set), and on demand through the bridge's live report ({@code LocaldropBridge.report()}).
 */
public final class ReportService implements Supplier<String> {
    private final AgentOptions options;

    private ReportService(AgentOptions options) {
        this.options = options;
    }

    /** Installs the shutdown hook, the interval thread if asked, and the live report source. */
    public static ReportService start(AgentOptions options, Class<?> bridge) {
        options.report().ifPresent(ReportFile::removeStaleTemporaries); // those of a killed JVM
        ReportService service = new ReportService(options);
        Runtime.getRuntime().addShutdownHook(new Thread(service::atShutdown, "localdrop-shutdown-report"));
        if (options.report().isPresent() && options.reportInterval().isPresent()) {
            Thread writer = new Thread(() -> service.periodically(options.reportInterval().get()), "localdrop-report");
            writer.setDaemon(true);
            writer.start();
        }
        if (bridge != null) {
            try {
                bridge.getMethod("setReportSource", Supplier.class).invoke(null, service);
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
            write();
        }
    }

    private void atShutdown() {
        write();
        ReportFile.close(); // no periodic write after this one, none cut off by the JVM's end
        if (options.log() != LogLevel.QUIET) {
            System.err.print(Summary.render(options.report().orElse(null)));
            System.err.flush();
        }
    }

    private void write() {
        Path report = options.report().orElse(null);
        if (report == null) {
            return;
        }
        try {
            ReportFile.write(report, ReportJson.render(options));
        } catch (Throwable failed) {
            InternalErrors.record("report: writing the report file", failed);
        }
    }
}
