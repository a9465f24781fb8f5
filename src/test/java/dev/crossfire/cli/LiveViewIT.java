package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.testing.HeadlessChromium;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 9 end to end, as an editor sees it: {@code demo --follow} runs in a JVM of its own, the live
 * view is open in a real headless Chromium, it lists the seed exchange with its turns; then a new
 * hostile exchange is replayed into the running demo and appears on the open page, raised to
 * SEVERE, with no reload. Screenshots (desktop and phone width) go to {@code target/live-view/}.
 */
class LiveViewIT {

    static final Path OUT = Path.of("target", "live-view");
    static final String SEED = "donald-trump|jeff-sessions|";
    static final String NEW = "chuck-schumer|mitch-mcconnell|2020-05-26T09:02:11Z";
    static final Pattern LIVE_VIEW = Pattern.compile("live view: (http://\\S+/live/)");
    static final Pattern CLUSTER = Pattern.compile("reach this run with: (--bootstrap-servers \\S+ --schema-registry-url \\S+)");

    private Process demo;
    private ChromeDriver browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.destroy();
            if (!demo.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    @Test
    void theSeedExchangeIsListedWithItsTurnsAndANewAlertAppearsWithoutAReload() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(OUT);
        demo = launchDemo();
        HeadlessChromium.ensureInstalled(OUT); // while the demo plays its sample
        String log = awaitLog(LIVE_VIEW, Duration.ofMinutes(4));
        String page = match(LIVE_VIEW, log);
        String[] cluster = match(CLUSTER, log).split(" ");
        long demoReady = System.nanoTime();

        browser = HeadlessChromium.start(OUT.resolve("profile"), 1280, 1000);
        browser.get(page);
        // a card is drawn anew when its exchange changes: an element found a moment ago may be gone
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> "live".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        wait.until(d -> !d.findElements(card(SEED)).isEmpty());
        retryingStale(() -> {
            WebElement seed = browser.findElement(card(SEED));
            assertThat(seed.getDomAttribute("data-level")).isEqualTo("ESCALATING");
            assertThat(seed.findElement(By.cssSelector(".pair")).getText()).isEqualTo("Donald J. Trump ↔ Jeff Sessions");
            List<WebElement> turns = seed.findElements(By.cssSelector("li.turn"));
            assertThat(turns).hasSizeGreaterThanOrEqualTo(3);
            assertThat(seed.getText()).contains("you’re damn fortunate I did", "Jeff, you had your chance & you blew it", "hostility 0.92");
            assertThat(seed.findElements(By.cssSelector("svg.spark circle"))).hasSameSizeAs(turns);
            assertThat(seed.findElements(By.cssSelector("li.turn a"))).isNotEmpty()
                .allSatisfy(a -> assertThat(a.getDomAttribute("href")).startsWith("https://twitter.com/"));
            // the demo's posts are from 2017 and 2020: times count back from the newest turn, and the page says so
            assertThat(seed.findElement(By.cssSelector(".meta")).getText()).contains("last turn").doesNotContain("years ago");
            assertThat(browser.findElement(By.id("replay")).getText()).startsWith("Replayed posts: the newest turn is from")
                .contains("2020");
        });

        // a mark that a reload would lose, beside the page's own load marker
        String loadedAt = browser.findElement(By.tagName("html")).getDomAttribute("data-loaded-at");
        browser.executeScript("window.__crossfireSameDocument = true;");
        saveScreenshot("live-view-before.png");

        CliRun replayed = CliRun.of("replay", "--posts", copy("/live-view/mcconnell-schumer.jsonl").toString(),
            cluster[0], cluster[1], cluster[2], cluster[3]);
        assertThat(replayed.exit()).as(replayed.err()).isZero();
        long replayedAt = System.nanoTime();

        By severe = By.cssSelector("li.exchange[data-exchange-id=\"" + NEW + "\"][data-level=\"SEVERE\"]");
        WebDriverWait raising = new WebDriverWait(browser, Duration.ofSeconds(60));
        raising.ignoring(StaleElementReferenceException.class);
        raising.until(d -> !d.findElements(severe).isEmpty());
        long shownAt = System.nanoTime();
        retryingStale(() -> {
            WebElement raised = browser.findElement(severe);
            assertThat(raised.findElement(By.cssSelector(".pair")).getText()).isEqualTo("Charles E. Schumer ↔ Mitch McConnell");
            assertThat(raised.findElement(By.cssSelector(".raised")).getText()).startsWith("raised to SEVERE").contains("(was ");
            assertThat(raised.findElements(By.cssSelector("li.turn"))).hasSize(4);
            assertThat(raised.getText()).contains("McConnell, you are a liar and a coward");
            List<WebElement> cards = browser.findElements(By.cssSelector("li.exchange"));
            assertThat(cards.get(0).getDomAttribute("data-exchange-id")).as("SEVERE ranks first").isEqualTo(NEW);
            assertThat(browser.findElements(card(SEED))).as("the seed exchange is still listed").hasSize(1);
            // its last turn (23 May, 23:41) now counts back from the newest turn on the page (26 May, 10:31)
            assertThat(browser.findElement(card(SEED)).findElement(By.cssSelector(".meta")).getText()).startsWith("last turn 2 days ago");
            assertThat(browser.findElement(By.id("replay")).getText()).contains("2020");
        });

        Path desktop = saveFullPage("live-view.png", 1280);
        Path phone = saveFullPage("live-view-phone.png", 390);
        saveViewport("live-view-phone-screen.png", 390, 844); // the first screen of a phone
        assertThat(desktop).isNotEmptyFile();
        assertThat(phone).isNotEmptyFile();

        // the server ends each stream; the page reconnects, reads the exchanges afresh and keeps what it showed
        int streamsAtAlert = Integer.parseInt(browser.findElement(By.tagName("html")).getDomAttribute("data-streams"));
        raising.until(d -> Integer.parseInt(d.findElement(By.tagName("html")).getDomAttribute("data-streams")) > streamsAtAlert
            && "live".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        retryingStale(() -> {
            List<WebElement> cards = browser.findElements(By.cssSelector("li.exchange"));
            assertThat(cards.get(0).getDomAttribute("data-exchange-id")).isEqualTo(NEW);
            assertThat(cards.get(0).getDomAttribute("data-level")).isEqualTo("SEVERE");
            assertThat(cards.get(0).findElement(By.cssSelector(".raised")).getText()).startsWith("raised to SEVERE");
            assertThat(cards.get(0).findElements(By.cssSelector("li.turn"))).hasSize(4);
            assertThat(browser.findElements(card(SEED))).hasSize(1);
        });
        // all of it on the page as first loaded: no reload, no navigation
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("data-loaded-at")).isEqualTo(loadedAt);
        assertThat(browser.executeScript("return window.__crossfireSameDocument === true")).isEqualTo(true);
        assertThat(browser.executeScript("return performance.getEntriesByType('navigation').length")).isEqualTo(1L);

        // following one figure: the filter narrows the list, lives in the address, and a page opened with it starts narrowed
        WebElement filter = browser.findElement(By.id("figure-filter"));
        filter.sendKeys("Sessions");
        retryingStale(() -> {
            assertThat(browser.findElements(By.cssSelector("li.exchange"))).singleElement()
                .satisfies(c -> assertThat(c.getDomAttribute("data-exchange-id")).startsWith(SEED));
            assertThat(browser.getCurrentUrl()).endsWith("/live/?figure=Sessions");
        });
        filter.sendKeys("x");
        assertThat(browser.findElements(By.cssSelector("li.exchange"))).isEmpty();
        assertThat(browser.findElement(By.id("empty")).getText()).isEqualTo("No exchange shown involves “Sessionsx”.");
        browser.get(page + "?figure=mitch-mcconnell");
        wait.until(d -> !d.findElements(By.cssSelector("li.exchange")).isEmpty());
        retryingStale(() -> {
            assertThat(browser.findElements(By.cssSelector("li.exchange"))).singleElement()
                .satisfies(c -> assertThat(c.getDomAttribute("data-exchange-id")).isEqualTo(NEW));
            assertThat(browser.findElement(By.id("figure-filter")).getDomProperty("value")).isEqualTo("mitch-mcconnell");
        });

        System.out.printf("LiveViewIT: demo ready after %d s, new alert on the page %d ms after the replay returned, %d s in all; "
                + "screenshots %s, %s%n", (demoReady - started) / 1_000_000_000, (shownAt - replayedAt) / 1_000_000,
            (System.nanoTime() - started) / 1_000_000_000, desktop, phone);
    }

    /** The card of the exchange whose id starts with {@code idPrefix}. */
    private static By card(String idPrefix) {
        return By.cssSelector("li.exchange[data-exchange-id^=\"" + idPrefix + "\"]");
    }

    /** Runs checks on elements found afresh, again when the page redrew a card in between (at most 5 times). */
    private static void retryingStale(Runnable checks) {
        for (int attempt = 1; ; attempt++) {
            try {
                checks.run();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private Process launchDemo() throws Exception {
        Path tmp = Files.createDirectories(OUT.resolve("tmp"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // answers limited to 8 s make the server end each event stream after 6 s (not 90): the page reconnects within the test
        return new ProcessBuilder(java, "-Xmx768m", "-Djava.io.tmpdir=" + tmp.toAbsolutePath(), "-Dsun.net.httpserver.maxRspTime=8",
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.crossfire.avro", "-cp", System.getProperty("java.class.path"),
            "dev.crossfire.cli.CrossfireCommand", "demo", "--follow", "--http-port", "0")
            .redirectErrorStream(true).redirectOutput(OUT.resolve("demo.log").toFile()).start();
    }

    private String awaitLog(Pattern pattern, Duration timeout) throws Exception {
        Path log = OUT.resolve("demo.log");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (pattern.matcher(text).find()) {
                return text;
            }
            if (!demo.isAlive()) {
                throw new AssertionError("the demo exited (" + demo.exitValue() + "); see " + log);
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the demo printed no live view address within " + timeout.toSeconds() + " s; see " + log);
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("'%s' in the demo's output", pattern).isTrue();
        return m.group(1);
    }

    private static Path copy(String resource) throws Exception {
        Path file = OUT.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = LiveViewIT.class.getResourceAsStream(resource)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private Path saveScreenshot(String name) throws Exception {
        Path file = OUT.resolve(name);
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** What a window of this size shows (the window's own frame, if any, added to the height). */
    private Path saveViewport(String name, int width, int height) throws Exception {
        browser.manage().window().setSize(new Dimension(width, height));
        long frame = (Long) browser.executeScript("return Math.max(0, window.outerHeight - window.innerHeight)");
        browser.manage().window().setSize(new Dimension(width, height + (int) frame));
        return saveScreenshot(name);
    }

    /** The whole page at the given width: the window is made as tall as the page (at most 6000 px). */
    private Path saveFullPage(String name, int width) throws Exception {
        saveViewport(name, width, 800);
        long height = (Long) browser.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        return saveViewport(name, width, (int) Math.min(height, 6000));
    }
}
