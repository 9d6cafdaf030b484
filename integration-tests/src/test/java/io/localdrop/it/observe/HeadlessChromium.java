package io.localdrop.it.observe;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's {@code chromium}, headless, with a fresh profile per run and every background connection off,
 * so a page is rendered as a user's browser would and nothing reaches the network. Installed by
 * {@code scripts/setup-chromium.sh}; found at {@code $LOCALDROP_CHROMIUM} or as {@code chromium} on the PATH.
 * Without it the tests fail, unless {@code -Dlocaldrop.browser=skip} says to skip them.
 */
final class HeadlessChromium {
    private static final long TIMEOUT_SECONDS = 180;

    private final String executable;

    private HeadlessChromium(String executable) {
        this.executable = executable;
    }

    /** The browser, or a failed (or skipped, with {@code -Dlocaldrop.browser=skip}) test saying how to get it. */
    static HeadlessChromium find() {
        String configured = System.getenv("LOCALDROP_CHROMIUM");
        List<String> candidates = new ArrayList<>();
        if (configured != null && !configured.isEmpty()) {
            candidates.add(configured);
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Paths.get(directory, "chromium").toString());
        }
        for (String candidate : candidates) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return new HeadlessChromium(candidate);
            }
        }
        org.junit.jupiter.api.Assumptions.assumeFalse("skip".equals(System.getProperty("localdrop.browser")),
                "BROWSER TESTS SKIPPED (-Dlocaldrop.browser=skip)");
        return fail("no chromium on the PATH or at $LOCALDROP_CHROMIUM: run scripts/setup-chromium.sh"
                + " (or -Dlocaldrop.browser=skip to skip the browser tests)");
    }

    /** The DOM after the page is rendered, as the browser serializes it. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    /** A PNG of the page at {@code width} x {@code height} CSS pixels. */
    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars");
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            fail("chromium wrote no screenshot to " + png);
        }
    }

    private String run(Path page, String... what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile-");
        Path out = Files.createTempFile("chromium-", ".out");
        Path err = Files.createTempFile("chromium-", ".err");
        List<String> command = new ArrayList<>(List.of(executable, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(what));
        command.add(page.toUri().toString());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("chromium did not end within " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail("chromium exited with " + process.exitValue() + ": " + Files.readString(err));
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return stdout;
    }
}
