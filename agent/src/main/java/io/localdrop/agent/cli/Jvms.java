package io.localdrop.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.localdrop.internal.BridgeProtocol;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The local JVMs through the Attach API (module {@code jdk.attach}, in every JDK; this class is touched only by
 * the command-line tool, so the agent itself never needs the module). A PID is attached to only when the
 * attach provider lists it as a JVM this user can attach to: attaching to a process that is not a JVM would
 * send it a signal it may not survive.
 */
final class Jvms {
    private Jvms() {
    }

    /** One local JVM: its PID, what it runs, and whether localdrop is loaded (null when it could not be asked). */
    static final class Jvm {
        final String pid;
        final String displayName;
        final Boolean localdrop;
        final String problem;

        Jvm(String pid, String displayName, Boolean localdrop, String problem) {
            this.pid = pid;
            this.displayName = displayName;
            this.localdrop = localdrop;
            this.problem = problem;
        }
    }

    /**
     * Every JVM the attach provider lists (only those in {@code pids} when it is not empty), except this one,
     * each asked whether localdrop is loaded.
     */
    static List<Jvm> list(List<String> pids) {
        String self = Long.toString(ProcessHandle.current().pid());
        List<Jvm> jvms = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            if (self.equals(descriptor.id()) || (!pids.isEmpty() && !pids.contains(descriptor.id()))) {
                continue;
            }
            try {
                VirtualMachine vm = VirtualMachine.attach(descriptor);
                try {
                    jvms.add(new Jvm(descriptor.id(), descriptor.displayName(), loaded(vm.getSystemProperties()), null));
                } finally {
                    vm.detach();
                }
            } catch (AttachNotSupportedException | IOException | RuntimeException refused) {
                // listed, not asked: the line says why instead of localdrop's state
                jvms.add(new Jvm(descriptor.id(), descriptor.displayName(), null, oneLine(refused)));
            }
        }
        return jvms;
    }

    /** Why the attach provider does not list {@code pid} (a checked PID, not this tool's). */
    static CliFailure notListed(String pid) {
        String why = ProcessHandle.of(Long.parseLong(pid)).isPresent()
                ? "is not a JVM this user can attach to (not a JVM, another user's, or started with -XX:+DisableAttachMechanism or -XX:-UsePerfData)"
                : "does not exist";
        return new CliFailure("PID " + pid + " " + why);
    }

    /** Whether the agent has defined its bridge in the JVM whose system properties these are. */
    static boolean loaded(Properties properties) {
        return properties.getProperty(BridgeProtocol.DEFINED_PROPERTY) != null;
    }

    /**
     * Checks that {@code text} is a PID: digits, at most {@link Long#MAX_VALUE} (19 digits such as
     * 9999999999999999999 once reached {@code Long.parseLong} and ended the tool with a NumberFormatException).
     *
     * @return the PID as the attach API names it: without leading zeros
     */
    static String checkPid(String text) throws CliFailure {
        // leading zeros dropped: the attach API lists "12277", and "00012277" was said to be no JVM
        String digits = text.matches("[0-9]+") ? text.replaceFirst("^0+(?=.)", "") : null;
        if (digits == null || digits.length() > 19
                || (digits.length() == 19 && digits.compareTo(Long.toString(Long.MAX_VALUE)) > 0)) {
            throw new CliFailure("not a PID: " + Terminal.safe(text));
        }
        return digits;
    }

    /** An attached JVM; the caller detaches it. */
    static VirtualMachine attach(String given) throws CliFailure {
        String pid = checkPid(given);
        if (pid.equals(Long.toString(ProcessHandle.current().pid()))) {
            throw new CliFailure("PID " + pid + " is this tool itself");
        }
        VirtualMachineDescriptor found = null;
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            if (descriptor.id().equals(pid)) {
                found = descriptor;
            }
        }
        if (found == null) {
            throw notListed(pid);
        }
        try {
            return VirtualMachine.attach(found);
        } catch (AttachNotSupportedException | IOException | RuntimeException refused) {
            throw new CliFailure("JVM " + pid + " refuses the attach: " + oneLine(refused));
        }
    }

    /** Loads the agent jar into {@code vm} with {@code options}; agentmain has run when this returns. */
    static void loadAgent(VirtualMachine vm, Path agentJar, String options) throws CliFailure {
        try {
            vm.loadAgent(agentJar.toString(), options);
        } catch (AgentLoadException | AgentInitializationException | IOException | RuntimeException failed) {
            throw new CliFailure("loading " + agentJar + " into JVM " + vm.id() + " failed: " + oneLine(failed));
        }
    }

    static Properties properties(VirtualMachine vm) throws CliFailure {
        try {
            return vm.getSystemProperties();
        } catch (IOException | RuntimeException failed) {
            throw new CliFailure("reading the system properties of JVM " + vm.id() + " failed: " + oneLine(failed));
        }
    }

    static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException alreadyGone) {
            // the target ended or closed the connection: nothing is left to release on this side
        }
    }

    /** An exception as one line: its type and the first line of its message. */
    static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        int newline = message.indexOf('\n');
        return type + ": " + (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
