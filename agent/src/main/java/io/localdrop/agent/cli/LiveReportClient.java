package io.localdrop.agent.cli;

import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tool's side of {@code report PID}: attach, load the agent in {@code mode=diagnose} when it is not loaded
 * (and say what that misses), then ask for the live report with {@link LiveReportRequest}'s
 * {@code report-to=FILE} in a fresh directory that only this user can read, and read it back.
 */
final class LiveReportClient {
    private LiveReportClient() {
    }

    static String fetch(String pid, Path agentJar, PrintStream notes) throws CliFailure {
        VirtualMachine vm = Jvms.attach(pid);
        try {
            if (!Jvms.loaded(Jvms.properties(vm))) {
                notes.println("localdrop: the agent was not loaded in JVM " + pid + "; loading it now in mode=diagnose:"
                        + " classes loaded before now are not rewritten, so only what they do from now on on"
                        + " threads the agent sees is found");
                Jvms.loadAgent(vm, agentJar, "mode=diagnose");
                if (!Jvms.loaded(Jvms.properties(vm))) {
                    throw new CliFailure("loading the agent into JVM " + pid + " did not install it (see that JVM's stderr)");
                }
            }
            return request(vm, agentJar, notes);
        } finally {
            Jvms.detach(vm);
        }
    }

    private static String request(VirtualMachine vm, Path agentJar, PrintStream notes) throws CliFailure {
        Path directory;
        try {
            directory = Files.createTempDirectory("localdrop-live-"); // 0700 on POSIX
        } catch (IOException | RuntimeException failed) {
            throw new CliFailure("cannot make a temporary directory: " + Jvms.oneLine(failed));
        }
        Path file = directory.resolve("report.json");
        try {
            Jvms.loadAgent(vm, agentJar, LiveReportRequest.OPTION + "=" + file.toAbsolutePath());
            if (!Files.isRegularFile(file)) {
                throw new CliFailure("JVM " + vm.id() + " wrote no live report (its stderr says why)");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith(LiveReportRequest.ERROR_PREFIX)) {
                throw new CliFailure("JVM " + vm.id() + ": " + text.substring(LiveReportRequest.ERROR_PREFIX.length()).trim());
            }
            return text;
        } catch (IOException | RuntimeException failed) {
            throw new CliFailure("reading the live report of JVM " + vm.id() + " failed: " + Jvms.oneLine(failed));
        } finally {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(directory);
            } catch (IOException leftBehind) {
                notes.println("localdrop: could not remove " + directory + ": " + Jvms.oneLine(leftBehind));
            }
        }
    }
}
