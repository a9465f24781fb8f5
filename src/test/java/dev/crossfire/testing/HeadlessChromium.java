package dev.crossfire.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and its ChromeDriver for the browser tests, headless. The build installs
 * nothing else, so a browser test makes sure they are there: when they are missing and the test
 * runs as root on a machine with apt-get (a fresh CI machine), it installs the two packages
 * (about 45 s); anywhere else it fails with what to install. It never skips. Other paths can be
 * given with {@code -Dlive-view.chromium=...} and {@code -Dlive-view.chromedriver=...}.
 *
 * <p>Selenium is handed both paths, so its Selenium Manager (which would download a browser and a
 * driver) never runs. The flags are those that keep a headless Chromium off the network: this
 * machine has none, and Chromium's background requests would otherwise be refused by the dozen.
 */
public final class HeadlessChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("live-view.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("live-view.chromedriver", "/usr/bin/chromedriver"));
    private static final List<String> PACKAGES = List.of("chromium", "chromium-driver");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private HeadlessChromium() {
    }

    /** Installs the browser and driver when missing (as root, with apt-get), or fails saying how to. */
    public static synchronized void ensureInstalled(Path logDir) throws IOException, InterruptedException {
        if (present()) {
            return;
        }
        String missing = "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")";
        Path aptGet = Path.of("/usr/bin/apt-get");
        if (!Files.isExecutable(aptGet) || !isRoot()) {
            throw new AssertionError(missing + ": install them with `apt-get install chromium chromium-driver` as root, "
                + "or give other paths with -Dlive-view.chromium=... -Dlive-view.chromedriver=...");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve("apt-get.log");
        long started = System.nanoTime();
        run(log, aptGet.toString(), "update", "-q");
        List<String> install = new ArrayList<>(List.of(aptGet.toString(), "install", "-y", "-q", "--no-install-recommends"));
        install.addAll(PACKAGES);
        run(log, install.toArray(String[]::new));
        if (!present()) {
            throw new AssertionError(missing + ": apt-get installed " + PACKAGES + " but they are still missing; see " + log);
        }
        System.out.printf("installed %s in %d s (log: %s)%n", PACKAGES, (System.nanoTime() - started) / 1_000_000_000, log);
    }

    /** A headless Chromium with a window of the given size, on its own empty profile. */
    public static ChromeDriver start(Path profile, int width, int height) throws IOException {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US",
            "--window-size=" + width + "," + height, "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withEnvironment(Map.of("TZ", "UTC"))
            .build();
        return new ChromeDriver(service, options);
    }

    private static boolean present() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return id.waitFor() == 0 && uid.equals("0");
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(INSTALL_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + INSTALL_TIMEOUT.toMinutes() + " min; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "); its last lines:\n" + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
