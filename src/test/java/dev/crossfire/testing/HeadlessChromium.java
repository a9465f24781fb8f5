package dev.crossfire.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and its ChromeDriver for the browser tests, headless. {@code .ci/run} installs
 * them before the suite; a browser test without them fails saying how to install them. It never
 * skips. Other paths can be given with {@code -Dlive-view.chromium=...} and
 * {@code -Dlive-view.chromedriver=...}.
 *
 * <p>Selenium is handed both paths, so its Selenium Manager (which would download a browser and a
 * driver) never runs. The flags are those that keep a headless Chromium off the network: this
 * machine has none, and Chromium's background requests would otherwise be refused by the dozen.
 */
public final class HeadlessChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("live-view.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("live-view.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /**
     * Fails, saying how to install them, when the browser or its driver is missing: tests install
     * no packages; {@code .ci/run} (the README's test command) does, before the suite.
     */
    public static void ensureInstalled(Path logDir) {
        if (!present()) {
            throw new AssertionError("the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): run .ci/run, which installs them, or `sudo apt-get install chromium chromium-driver`, "
                + "or give other paths with -Dlive-view.chromium=... -Dlive-view.chromedriver=...");
        }
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
}
