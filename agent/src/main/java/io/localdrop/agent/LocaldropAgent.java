package io.localdrop.agent;

import io.localdrop.agent.activation.ActivationTrigger;
import io.localdrop.agent.bridge.BridgeDefiner;
import io.localdrop.agent.cli.LiveReportRequest;
import io.localdrop.agent.diagnose.DiagnoseFeature;
import io.localdrop.agent.enforce.EnforceFeature;
import io.localdrop.agent.exit.ExitHookTransformer;
import io.localdrop.agent.exit.ExitHooks;
import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.options.BadOptionException;
import io.localdrop.agent.options.LogLevel;
import io.localdrop.agent.options.Mode;
import io.localdrop.agent.report.NeverInstalledReport;
import io.localdrop.agent.sites.ClassFilter;
import io.localdrop.internal.AgentBridge;
import io.localdrop.internal.BridgeProtocol;
import io.localdrop.internal.Config;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Consumer;

/**
 * The agent's entry points. Start-up cost matters here more than anywhere: everything on the premain path
 * avoids lambdas, streams, string switches on the hot path and heavy reflection, and ByteBuddy is only touched
 * by {@link #installIntoRunningJvm()} (self-attach), never by premain.
 *
 * <p>The order of installation: options to the runtime's settings; the bridge into {@code java.lang}
 * (defined, not initialized); the JDK's thread classes are patched; the bridge is initialized, which marks the
 * hooks installed; this agent's copy of the runtime registers with the bridge (at once, or at its first owned
 * key: see {@link #install}); then the features, unless {@code mode=off}.
 */
public final class LocaldropAgent implements Consumer<String> {
    /** What the installation names as its cause when an attach, not a class, started premain's. */
    static final String BY_ATTACH = "(an attach)";

    /** Premain's trigger, while its installation may still be to come; null without -javaagent. */
    private static volatile ActivationTrigger premainTrigger;

    private final Instrumentation instrumentation;
    private final AgentOptions options;

    /** An instance is premain's deferred installation (a class fewer to load than one of its own). */
    private LocaldropAgent(Instrumentation instrumentation, AgentOptions options) {
        this.instrumentation = instrumentation;
        this.options = options;
    }

    /** Premain's installation, run by the trigger with the class whose loading asked for it. */
    @Override
    public void accept(String firstClass) {
        installSafely(instrumentation, options, false, firstClass);
    }

    /**
     * {@code -javaagent:localdrop-agent.jar[=options]}. A bad option ends the JVM with status 2 before main. The
     * installation waits for the first class that needs it ({@link ActivationTrigger}; docs/agent.md, "When the
     * agent installs itself"), except with {@code reportInterval}, whose periodic report starts at once.
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(arguments);
            options.checkReportLocation();
            options.checkRuntimeProperties();
        } catch (IllegalArgumentException bad) { // a BadOptionException; caught by its superclass, which the JDK has loaded
            if (!(bad instanceof BadOptionException)) {
                throw bad;
            }
            System.err.println(bad.getMessage());
            System.err.flush();
            // halt, not an exception: an exception out of premain aborts the JVM with a core dump and a trace
            Runtime.getRuntime().halt(BadOptionException.EXIT_STATUS);
            return;
        }
        boolean features = options.mode() != Mode.OFF;
        if (features && options.reportInterval().isPresent()) {
            installSafely(instrumentation, options, false, null); // the periodic report is written from the start
            return;
        }
        LogLevel log = options.log();
        if (log != LogLevel.INFO) {
            InternalErrors.setVerbosity(verbosity(log)); // for the trigger's own failures; INFO is the default
        }
        if (log != LogLevel.QUIET && System.getProperty("jdk.trackAllThreads") != null) {
            ExitHooks.warnIfVirtualThreadsUntracked(); // a start-up warning, installed or not
        }
        ActivationTrigger trigger = new ActivationTrigger(new LocaldropAgent(instrumentation, options),
                features ? new ClassFilter(options.include(), options.exclude()) : null, instrumentation);
        // not retransform-capable: it is removed at the installation, which registers every lasting transformer
        // retransform-capable (see install)
        instrumentation.addTransformer(trigger, false);
        premainTrigger = trigger;
        if (features) {
            Runtime.getRuntime().addShutdownHook(new Thread(new UninstalledReport(trigger, options), "localdrop-shutdown-report"));
        }
        if (log == LogLevel.DEBUG) {
            System.err.println("localdrop: agent loaded (mode=" + options.mode().optionValue()
                    + "); it installs at the first class that needs it");
        }
    }

    /** At the end of a JVM in which the agent was never installed: its empty report and summary. */
    private static final class UninstalledReport implements Runnable {
        private final ActivationTrigger trigger;
        private final AgentOptions options;

        UninstalledReport(ActivationTrigger trigger, AgentOptions options) {
            this.trigger = trigger;
            this.options = options;
        }

        @Override
        public void run() {
            if (trigger.closeIfInactive()) {
                NeverInstalledReport.write(options);
            }
        }
    }

    /**
     * Loading into a running JVM by an attach tool ({@code VirtualMachine.loadAgent}). A bad option is
     * reported and the agent is not installed: a running application is never stopped for it. The arguments
     * {@code report-to=FILE} instead ask for the live report ({@link LiveReportRequest}, the command-line tool).
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        if (LiveReportRequest.isRequest(arguments)) {
            LiveReportRequest.answer(arguments); // the command-line tool's `report PID`, not an installation
            return;
        }
        AgentOptions options;
        try {
            options = AgentOptions.parse(arguments);
            options.checkReportLocation();
            options.checkRuntimeProperties();
        } catch (IllegalArgumentException bad) {
            if (!(bad instanceof BadOptionException)) {
                throw bad;
            }
            System.err.println(bad.getMessage() + " (agent not loaded)");
            return;
        }
        ActivationTrigger pending = premainTrigger;
        if (pending != null && !pending.isActive()) {
            // -javaagent loaded the agent and no class has needed it yet. An installation of this attach's own would
            // define the runtime's entry classes, each of which fires premain's trigger, whose installation waits for
            // this one's lock: the attach hung 30 s per class. Premain's installation, with its options, runs instead.
            if (options.log() != LogLevel.QUIET) {
                System.err.println("localdrop: the agent was loaded with -javaagent and installs now with its options;"
                        + " this attach's options '" + arguments + "' are ignored");
            }
            pending.installNow(BY_ATTACH);
            return;
        }
        installSafely(instrumentation, options, true, null);
    }

    /**
     * What {@code Localdrop.install()} calls: self-attach (through byte-buddy-agent) and the same installation
     * as premain with default options. Idempotent: does nothing when the hooks are in place already.
     *
     * @throws IllegalStateException if the JVM refuses the self-attach or the hooks cannot be placed
     */
    public static synchronized void installIntoRunningJvm() {
        if (hooksInstalled()) {
            return;
        }
        Instrumentation instrumentation = SelfAttach.instrumentation();
        try {
            install(instrumentation, AgentOptions.defaults(), true, null);
        } catch (Exception failed) {
            throw new IllegalStateException("localdrop: installing the agent's hooks failed: " + failed, failed);
        }
    }

    private static void installSafely(Instrumentation instrumentation, AgentOptions options, boolean connectNow,
                                      String firstClass) {
        try {
            install(instrumentation, options, connectNow, firstClass);
        } catch (Throwable failed) {
            reportFailure(failed);
        }
    }

    private static void reportFailure(Throwable failed) {
        // The application still runs; owned keys then behave as without the agent (rule 12), and it says so.
        InternalErrors.record("agent: installing the thread-exit hooks", failed);
        System.err.println("localdrop: error: the agent could not install its thread-exit hooks (" + failed
                + "); owned keys will not be destroyed at thread exit");
    }

    /**
     * The installation shared by every entry point.
     *
     * @param connectNow whether the JVM is running already (agentmain, {@code Localdrop.install()}): the hooks are
     *     then marked installed without a system property, and this agent's copy of the runtime registers with the
     *     bridge now. Premain leaves the registering
     *     to the copy's first owned key ({@code ThreadRecord.current()} connects when it first looks), because
     *     {@code AgentBridge.connect()} builds method handles, some milliseconds of start-up that a JVM using no
     *     owned key should not pay; nothing can have looked for the bridge before premain's installation, which
     *     runs before any runtime entry class is defined. A running JVM ({@code Localdrop.install()}) may have
     *     looked already and cached "no agent", so it connects now.
     * @param firstClass the class whose loading started premain's deferred installation (internal name), or null
     */
    static synchronized void install(Instrumentation instrumentation, AgentOptions options,
                                                     boolean connectNow, String firstClass) throws Exception {
        LogLevel log = options.log();
        if (hooksInstalled()) {
            // Said whenever options were given (a second attach, a second -javaagent): the installed agent keeps its own,
            // and a user who attached with mode=enforce must not believe enforce is on. Localdrop.install() gives none.
            if (log != LogLevel.QUIET && !options.given().isEmpty() || log == LogLevel.DEBUG) {
                System.err.println("localdrop: agent already installed in this JVM; options '" + options
                        + "' ignored (the installed agent keeps the options it was installed with)");
            }
            return;
        }
        InternalErrors.setVerbosity(verbosity(log));
        applyRuntimeSettings(options);
        BridgeDefiner.define(instrumentation);
        ExitHookTransformer hooks = ExitHooks.install(instrumentation, log);
        if (firstClass == null && log != LogLevel.QUIET) {
            ExitHooks.warnIfVirtualThreadsUntracked(); // premain's deferred installation said it at start-up
        }
        BridgeDefiner.markHooksInstalled(connectNow);
        if (connectNow) {
            AgentBridge.connect();
        }
        if (options.mode() != Mode.OFF) {
            EnforceFeature.prepare(options);
            ClassFileTransformer rewriter = DiagnoseFeature.install(instrumentation, options);
            EnforceFeature.install(options);
            if (rewriter != null) {
                // Retransform-capable, beside the exit hooks and task boundaries: java.lang.instrument keeps one JVMTI
                // environment for each kind, and each that has transformers costs every class load an upcall and a
                // copy of its bytes. Last, once the features it calls into are in place.
                instrumentation.addTransformer(rewriter, true);
            }
        }
        if (log == LogLevel.DEBUG) {
            System.err.println("localdrop: agent installed (mode=" + options.mode().optionValue() + "); " + hooks.describe()
                    + (firstClass == null ? "" : BY_ATTACH.equals(firstClass) ? "; asked by an attach"
                    : "; at the loading of " + firstClass.replace('/', '.')));
        }
    }

    private static int verbosity(LogLevel log) {
        return log == LogLevel.QUIET ? 0 : log == LogLevel.INFO ? 1 : 2;
    }

    /** Options that the runtime reads from system properties; set only when given, so -D settings stay otherwise. */
    private static void applyRuntimeSettings(AgentOptions options) {
        boolean changed = false;
        if (options.given().containsKey("onDestructorFailure")) {
            System.setProperty(Config.ON_DESTRUCTOR_FAILURE, options.onDestructorFailure().optionValue());
            changed = true;
        }
        if (options.given().containsKey("maxDestructorRounds")) {
            System.setProperty(Config.MAX_DESTRUCTOR_ROUNDS, Integer.toString(options.maxDestructorRounds()));
            changed = true;
        }
        if (changed) {
            Config.reload();
        }
    }

    private static boolean hooksInstalled() {
        Class<?> bridge = BridgeDefiner.existing();
        if (bridge == null) {
            return false;
        }
        try {
            return (Boolean) bridge.getMethod(BridgeProtocol.HOOKS_INSTALLED_METHOD).invoke(null);
        } catch (InvocationTargetException | NoSuchMethodException | IllegalAccessException broken) {
            InternalErrors.record("agent: asking the bridge whether hooks are installed", broken);
            return false;
        }
    }
}
