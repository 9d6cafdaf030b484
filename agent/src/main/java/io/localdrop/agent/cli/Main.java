package io.localdrop.agent.cli;

import io.localdrop.agent.html.HtmlReport;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar localdrop-agent.jar COMMAND}: the agent jar's {@code Main-Class}, so the tool comes with the
 * jar users already have and needs nothing else (the Attach API is the JDK's {@code jdk.attach}). Every
 * failure is one line on stderr and exit status {@value #FAILED}; usage errors too.
 */
public final class Main {
    static final int FAILED = 2;
    private static final String USAGE = String.join("\n",
            "usage: java -jar localdrop-agent.jar COMMAND",
            "  list [PID...]                          local JVMs (or these), and which have localdrop loaded",
            "  report PID [--format json|text|html] [-o FILE]",
            "                                         the live report of a running JVM (loads the agent in",
            "                                         mode=diagnose if it is not loaded)",
            "  html REPORT.json [-o FILE]             the report as one self-contained HTML page",
            "  merge REPORT.json... [-o FILE]         many JVMs' reports as one (same leak: one finding)",
            "");

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int status;
        try {
            status = run(args, out);
        } catch (CliFailure failure) {
            System.err.println("localdrop: " + failure.getMessage());
            status = FAILED;
        } catch (NoClassDefFoundError noAttach) {
            System.err.println("localdrop: this Java runtime has no Attach API (module jdk.attach): run the tool"
                    + " with a JDK's java (" + noAttach.getMessage() + ")");
            status = FAILED;
        }
        out.flush();
        System.exit(status);
    }

    static int run(String[] args, PrintStream out) throws CliFailure {
        if (args.length == 0) {
            throw new CliFailure("no command given\n" + USAGE);
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        switch (args[0]) {
            case "help":
            case "--help":
            case "-h":
                out.print(USAGE);
                return 0;
            case "list":
                list(rest, out);
                return 0;
            case "report":
                report(rest, out);
                return 0;
            case "html":
                html(rest, out);
                return 0;
            case "merge":
                merge(rest, out);
                return 0;
            default:
                throw new CliFailure("unknown command '" + Terminal.safe(args[0]) + "' (list, report, html, merge)");
        }
    }

    /** Asks each JVM listed (attaching to it, as jcmd does), or only those whose PIDs are given. */
    private static void list(List<String> given, PrintStream out) throws CliFailure {
        List<String> pids = new java.util.ArrayList<>(given.size());
        for (String pid : given) {
            pids.add(Jvms.checkPid(pid));
        }
        List<Jvms.Jvm> jvms = Jvms.list(pids); // before the header: without jdk.attach, only the one failure line
        String self = Long.toString(ProcessHandle.current().pid());
        for (String pid : pids) {
            // a PID asked for and not listed was an empty table and status 0: say why, as report does
            if (pid.equals(self)) {
                throw new CliFailure("PID " + pid + " is this tool itself");
            }
            if (!listed(jvms, pid)) {
                throw Jvms.notListed(pid);
            }
        }
        out.printf("%-8s %-10s %s%n", "PID", "localdrop", "MAIN");
        for (Jvms.Jvm jvm : jvms) {
            String state = jvm.localdrop == null ? "?" : jvm.localdrop ? "loaded" : "-";
            String main = jvm.displayName.isEmpty() ? "(unknown main)" : jvm.displayName;
            out.printf("%-8s %-10s %s%s%n", jvm.pid, state, Terminal.safe(main),
                    jvm.problem == null ? "" : "  (not asked: " + Terminal.safe(jvm.problem) + ")");
        }
    }

    private static boolean listed(List<Jvms.Jvm> jvms, String pid) {
        for (Jvms.Jvm jvm : jvms) {
            if (jvm.pid.equals(pid)) {
                return true;
            }
        }
        return false;
    }

    private static void report(List<String> args, PrintStream out) throws CliFailure {
        Path output = option(args, "-o");
        String format = optionValue(args, "--format", "json");
        if (!List.of("json", "text", "html").contains(format)) {
            throw new CliFailure("--format must be json, text or html, not " + Terminal.safe(format));
        }
        refuseUnknownOptions(args, "report", "--format json|text|html, -o FILE");
        if (args.size() != 1) {
            throw new CliFailure("report takes one PID");
        }
        String pid = Jvms.checkPid(args.get(0)); // a usage error first, before the jar is looked for
        String json = LiveReportClient.fetch(pid, agentJar(), System.err);
        String rendered;
        if ("html".equals(format)) {
            rendered = HtmlReport.render(json);
        } else if ("text".equals(format)) {
            rendered = TextReport.render(json);
        } else {
            rendered = json;
        }
        write(rendered, output, out);
    }

    private static void html(List<String> args, PrintStream out) throws CliFailure {
        Path output = option(args, "-o");
        refuseUnknownOptions(args, "html", "-o FILE");
        if (args.size() != 1) {
            throw new CliFailure("html takes one REPORT.json");
        }
        String json = read(args.get(0));
        Map<String, Object> report;
        try {
            // the checks merge makes: a page that shows a clamped or made-up number as the agent's is worse than none
            report = ReportShape.parse(args.get(0), json);
        } catch (IllegalArgumentException notAReport) {
            throw new CliFailure(notAReport.getMessage());
        }
        write(HtmlReport.render(report), output, out);
    }

    private static void merge(List<String> args, PrintStream out) throws CliFailure {
        Path output = option(args, "-o");
        refuseUnknownOptions(args, "merge", "-o FILE");
        if (args.isEmpty()) {
            throw new CliFailure("merge takes one or more REPORT.json");
        }
        Map<String, String> reports = new LinkedHashMap<>();
        for (String file : args) {
            if (reports.putIfAbsent(file, read(file)) != null) {
                throw new CliFailure(file + " is given twice");
            }
        }
        try {
            write(ReportMerge.merge(reports), output, out);
        } catch (IllegalArgumentException notAReport) {
            throw new CliFailure(notAReport.getMessage());
        }
    }

    /**
     * Refuses what is left in {@code args} that looks like an option, once the command's own are taken out: it was
     * counted as one argument too many ("html takes one REPORT.json"), which did not name it.
     */
    private static void refuseUnknownOptions(List<String> args, String command, String known) throws CliFailure {
        for (String arg : args) {
            if (arg.length() > 1 && arg.charAt(0) == '-' && !Character.isDigit(arg.charAt(1))) { // -5: "not a PID"
                throw new CliFailure("unknown option " + Terminal.safe(arg) + " for " + command + " (its options: " + known
                        + (command.equals("report") ? "" : "; a file whose name starts with '-' is given as ./"
                        + Terminal.safe(arg)) + ")");
            }
        }
    }

    /** Takes {@code name VALUE} out of args; the path, or null when not given. */
    private static Path option(List<String> args, String name) throws CliFailure {
        String value = optionValue(args, name, null);
        return value == null ? null : Paths.get(value);
    }

    private static String optionValue(List<String> args, String name, String otherwise) throws CliFailure {
        int at = args.indexOf(name);
        if (at < 0) {
            return otherwise;
        }
        if (at + 1 >= args.size()) {
            throw new CliFailure(name + " needs a value");
        }
        String value = args.get(at + 1);
        args.remove(at + 1);
        args.remove(at);
        if (args.contains(name)) {
            throw new CliFailure(name + " is given twice");
        }
        return value;
    }

    private static String read(String file) throws CliFailure {
        try {
            return Files.readString(Paths.get(file), StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            // its own words were "MalformedInputException: Input length = 1"
            throw new CliFailure("cannot read " + file + ": it is not UTF-8 text (a report is UTF-8 JSON)");
        } catch (IOException | RuntimeException unreadable) {
            throw new CliFailure("cannot read " + file + ": " + Jvms.oneLine(unreadable));
        }
    }

    private static void write(String text, Path output, PrintStream out) throws CliFailure {
        if (output == null) {
            out.print(text);
            return;
        }
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unwritable) {
            throw new CliFailure("cannot write " + output + ": " + Jvms.oneLine(unwritable));
        }
    }

    /** This jar, which {@code report} loads into the target JVM. */
    static Path agentJar() throws CliFailure {
        try {
            Path location = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location;
            }
            throw new CliFailure("report needs the agent jar: run the tool as java -jar localdrop-agent.jar (not from "
                    + location + ")");
        } catch (URISyntaxException | RuntimeException unknown) {
            throw new CliFailure("cannot find the agent jar this tool runs from: " + Jvms.oneLine(unknown));
        }
    }
}
