package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.testing.HeadlessChromium;
import dev.crossfire.testing.TcpProxy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live desk end to end, as an editor uses it: {@code demo --follow} runs in a JVM of its own and
 * the page is open in a real headless Chromium, reached through a TCP forwarder that can take the
 * server away. One session walks through the headline list (the seed exchange), the keyboard, a
 * card opened with its turns folded and unfolded, new alerts replayed into the running demo landing
 * on top (newest change first) marked new until seen, a SEVERE that sounds, the server taken away
 * and given back, a pile-on, and a reload that keeps what was seen. Then it replays 200 exchanges
 * and prints how long the page takes to draw them and to take in one more alert. Screenshots at
 * desktop and phone width go to {@code target/live-view/}.
 */
class LiveViewIT {

    static final Path OUT = Path.of("target", "live-view");
    static final String SEED = "donald-trump|jeff-sessions|";
    static final String NEW = "chuck-schumer|mitch-mcconnell|2020-05-26T09:02:11Z";
    static final int LOAD = 200;
    static final Pattern LIVE_VIEW = Pattern.compile("live view: (http://\\S+/live/)");
    static final Pattern CLUSTER = Pattern.compile("reach this run with: (--bootstrap-servers \\S+ --schema-registry-url \\S+)");

    private Process demo;
    private ChromeDriver browser;
    private TcpProxy proxy;
    private String[] cluster;
    private final DeskPosts posts = new DeskPosts();

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (demo != null) {
            demo.destroy();
            if (!demo.waitFor(20, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    @Test
    void theDeskPutsTheNewestChangeOnTopOpensCardsFollowsTheKeyboardAndShowsADeadConnection() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(OUT);
        demo = launchDemo();
        HeadlessChromium.ensureInstalled(OUT); // while the demo plays its sample
        String log = awaitLog(LIVE_VIEW, Duration.ofMinutes(4));
        URI served = URI.create(match(LIVE_VIEW, log));
        cluster = match(CLUSTER, log).split(" ");
        proxy = new TcpProxy(served.getHost(), served.getPort());
        String page = "http://127.0.0.1:" + proxy.port() + "/live/";
        long demoReady = System.nanoTime();

        // a first visit: what an earlier run's page kept in this profile would count as seen
        deleteTree(OUT.resolve("profile"));
        browser = HeadlessChromium.start(OUT.resolve("profile"), 1280, 1000);
        browser.get(page);
        WebDriverWait wait = waiting(30);
        wait.until(d -> "live".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        wait.until(d -> !d.findElements(exchange(SEED)).isEmpty());

        // the headline list first: a line per exchange, no turns until a card is opened
        retryingStale(() -> {
            WebElement seed = browser.findElement(exchange(SEED));
            assertThat(seed.getDomAttribute("data-level")).isEqualTo("ESCALATING");
            assertThat(seed.findElement(By.cssSelector(".who")).getText()).isEqualTo("Donald J. Trump ↔ Jeff Sessions");
            assertThat(seed.findElement(By.cssSelector(".words")).getText()).startsWith("Jeff Sessions: “President Trump, my record is clear");
            // the demo's posts are from 2017 and 2020: times count back from the newest turn, and the page says so
            assertThat(seed.findElement(By.cssSelector(".last")).getText()).startsWith("last turn").doesNotContain("years");
            assertThat(browser.findElements(By.cssSelector("li.turn, .card"))).isEmpty();
            assertThat(browser.findElement(By.id("replay")).getText()).startsWith("Replayed posts: the newest turn is from").contains("2020");
            // a first visit has nothing to compare with: nothing is new yet
            assertThat(browser.findElements(By.cssSelector("li.row.unseen"))).isEmpty();
            assertThat(browser.findElement(By.id("mark-seen")).isDisplayed()).isFalse();
        });

        // opting in to a sound on a new SEVERE, remembered in this browser
        browser.findElement(By.id("notify-sound")).click();
        assertThat(browser.executeScript("return localStorage.getItem('crossfire.notify.sound')")).isEqualTo("true");

        keyboardAndCard(wait);

        // a mark that a reload would lose, beside the page's own load marker
        String loadedAt = browser.findElement(By.tagName("html")).getDomAttribute("data-loaded-at");
        browser.executeScript("window.__crossfireSameDocument = true;");

        // a new SEVERE lands on top, marked new, and sounds once
        long replayedAt = replay("mcconnell-schumer.jsonl", copy("/live-view/mcconnell-schumer.jsonl"));
        WebDriverWait raising = waiting(60);
        raising.until(d -> !d.findElements(By.cssSelector(key("exchange:" + NEW) + "[data-level=SEVERE]")).isEmpty());
        long shownAt = System.nanoTime();
        retryingStale(() -> {
            assertThat(rowKeys()).first().isEqualTo("exchange:" + NEW);
            WebElement raised = browser.findElement(By.cssSelector(key("exchange:" + NEW)));
            assertThat(raised.getDomAttribute("class")).contains("unseen");
            assertThat(raised.findElement(By.cssSelector(".who")).getText()).isEqualTo("Charles E. Schumer ↔ Mitch McConnell");
            assertThat(raised.findElement(By.cssSelector(".raised")).getText()).startsWith("raised to SEVERE just now").contains("(was ");
            assertThat(raised.findElement(By.cssSelector(".new-mark")).getText()).isEqualToIgnoringCase("new");
            assertThat(raised.findElement(By.cssSelector(".words")).getText()).startsWith("Mitch McConnell: “Schumer's lies are pathetic");
            // its last turn (23 May, 23:41) now counts back from the newest turn on the page (26 May, 10:31)
            assertThat(browser.findElement(exchange(SEED)).findElement(By.cssSelector(".last")).getText()).isEqualTo("last turn 2 days ago");
        });
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("data-notified")).isEqualTo("1");
        assertThat(browser.getTitle()).startsWith("(1) ● crossfire");

        // the headline order after a new alert: an ESCALATING raised after the SEVERE goes above it
        replay("durbin-cornyn.jsonl", DeskPosts.write(OUT.resolve("durbin-cornyn.jsonl"), posts.durbinCornyn()));
        raising.until(d -> !d.findElements(By.cssSelector(key("exchange:" + DeskPosts.DURBIN_CORNYN))).isEmpty());
        retryingStale(() -> {
            assertThat(rowKeys()).startsWith("exchange:" + DeskPosts.DURBIN_CORNYN, "exchange:" + NEW);
            assertThat(rowKeys().indexOf(seedKey())).isGreaterThan(1);
            assertThat(browser.findElements(By.cssSelector("li.row.unseen"))).hasSize(2);
        });
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("data-notified")).as("only SEVERE sounds").isEqualTo("1");

        // opened is seen; the other stays marked
        browser.findElement(By.cssSelector(key("exchange:" + DeskPosts.DURBIN_CORNYN) + " button.headline")).click();
        retryingStale(() -> {
            assertThat(browser.findElements(By.cssSelector("li.row.unseen"))).singleElement()
                .satisfies(row -> assertThat(row.getDomAttribute("data-key")).isEqualTo("exchange:" + NEW));
            assertThat(browser.findElement(By.id("mark-seen")).getText()).isEqualTo("1 new · mark all seen");
            assertThat(browser.findElement(By.cssSelector(key("exchange:" + DeskPosts.DURBIN_CORNYN) + " .card")).isDisplayed()).isTrue();
        });
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(d -> d.findElements(By.cssSelector(".card")).isEmpty());

        // the server ends each stream; the page reconnects, reads the lists afresh and keeps what it showed
        int streamsAtAlert = streams();
        raising.until(d -> streams() > streamsAtAlert && "live".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        retryingStale(() -> {
            assertThat(rowKeys()).startsWith("exchange:" + DeskPosts.DURBIN_CORNYN, "exchange:" + NEW);
            assertThat(browser.findElement(By.cssSelector(key("exchange:" + NEW))).getDomAttribute("data-level")).isEqualTo("SEVERE");
            assertThat(browser.findElement(By.cssSelector(key("exchange:" + NEW) + " .raised")).getText()).startsWith("raised to SEVERE");
            assertThat(browser.findElements(exchange(SEED))).hasSize(1);
        });

        deadConnection(raising);
        pileOn(raising);

        // all of it on the page as first loaded: no reload, no navigation
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("data-loaded-at")).isEqualTo(loadedAt);
        assertThat(browser.executeScript("return window.__crossfireSameDocument === true")).isEqualTo(true);
        assertThat(browser.executeScript("return performance.getEntriesByType('navigation').length")).isEqualTo(1L);

        // pictures: the pile-on's card open at desktop width, the first screen of a phone
        browser.findElement(By.cssSelector(key("pileon:" + DeskPosts.PILE_ON_ID) + " button.headline")).click();
        wait.until(d -> !d.findElements(By.cssSelector(key("pileon:" + DeskPosts.PILE_ON_ID) + " .card svg.chart")).isEmpty());
        browser.executeScript("window.scrollTo(0, 0)");
        Path desktop = saveViewport("live-view.png", 1280, 1000);
        Path phone = saveViewport("live-view-phone.png", 390, 844);
        Path phoneAll = saveFullPage("live-view-phone-all.png", 390);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat(desktop).isNotEmptyFile();
        assertThat(phone).isNotEmptyFile();
        assertThat(phoneAll).isNotEmptyFile();

        // what was seen, what is new and the order of changes survive a reload, and so does the sound
        List<String> before = rowKeys();
        browser.navigate().refresh();
        wait.until(d -> "live".equals(d.findElement(By.id("status")).getDomAttribute("data-state")) && rowKeys().size() == before.size());
        retryingStale(() -> {
            assertThat(rowKeys()).isEqualTo(before);
            assertThat(browser.findElements(By.cssSelector("li.row.unseen"))).extracting(e -> e.getDomAttribute("data-key"))
                .containsExactly("exchange:" + NEW);
            assertThat(browser.findElement(By.id("notify-sound")).isSelected()).isTrue();
        });

        followingOneFigure(wait, page);

        assertNoScriptErrors();
        System.out.printf("LiveViewIT: demo ready after %d s, new alert on the page %d ms after the replay returned%n",
            (demoReady - started) / 1_000_000_000, (shownAt - replayedAt) / 1_000_000);

        load(page);
        assertNoScriptErrors();
        System.out.printf("LiveViewIT: %d s in all; screenshots %s, %s%n", (System.nanoTime() - started) / 1_000_000_000, desktop, phone);
    }

    /** j/k move, Enter opens, the card's turns fold to the last two, Esc closes, / goes to the figure box. */
    private void keyboardAndCard(WebDriverWait wait) {
        browser.findElement(By.tagName("body")).sendKeys("j");
        wait.until(d -> seedKey().equals(d.switchTo().activeElement().findElement(By.xpath("..")).getDomAttribute("data-key")));
        assertThat(browser.findElement(exchange(SEED)).getDomAttribute("class")).contains("selected");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(d -> !d.findElements(By.cssSelector(".card")).isEmpty());
        retryingStale(() -> {
            WebElement seed = browser.findElement(exchange(SEED));
            assertThat(seed.findElement(By.cssSelector("button.headline")).getDomAttribute("aria-expanded")).isEqualTo("true");
            WebElement card = seed.findElement(By.cssSelector(".card"));
            List<WebElement> turns = card.findElements(By.cssSelector("li.turn"));
            assertThat(turns).as("the last two turns").hasSize(2);
            assertThat(turns.get(0).getText()).contains("Jeff, you had your chance & you blew it", "hostility 0.92");
            assertThat(turns.get(1).getText()).contains("President Trump, my record is clear");
            assertThat(card.getText()).doesNotContain("you’re damn fortunate I did");
            assertThat(card.findElements(By.cssSelector("svg.chart circle"))).as("every turn on the chart").hasSize(4);
            // the chart's time axis runs over the exchange's two days, in round steps
            List<String> ticks = card.findElements(By.cssSelector("svg.chart .time-axis text")).stream().map(WebElement::getText).toList();
            assertThat(ticks).hasSizeGreaterThanOrEqualTo(3);
            assertThat(String.join(" ", ticks)).contains("May 23");
            // the reasons in words, not codes
            List<String> reasons = card.findElements(By.cssSelector(".reasons li b")).stream().map(WebElement::getText).toList();
            assertThat(reasons).contains("back and forth", "hostile words on both sides").noneMatch(r -> r.matches("[A-Z_]+"));
            assertThat(card.findElement(By.cssSelector("h3.why")).getText()).isEqualTo("Why ESCALATING");
            assertThat(card.findElements(By.cssSelector("li.turn a"))).isNotEmpty()
                .allSatisfy(a -> assertThat(a.getDomAttribute("href")).startsWith("https://twitter.com/"));
        });
        WebElement more = browser.findElement(By.cssSelector(".card button.more"));
        assertThat(more.getText()).isEqualTo("show 2 earlier turns");
        more.click();
        retryingStale(() -> {
            WebElement card = browser.findElement(By.cssSelector(".card"));
            assertThat(card.findElements(By.cssSelector("li.turn"))).hasSize(4);
            assertThat(card.getText()).contains("you’re damn fortunate I did", "3 years ago, after Jeff Sessions recused himself");
            assertThat(card.findElement(By.cssSelector("button.more")).getText()).isEqualTo("show the last two only");
        });
        browser.findElement(By.cssSelector(".card button.more")).click();
        retryingStale(() -> assertThat(browser.findElements(By.cssSelector(".card li.turn"))).hasSize(2));
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(d -> d.findElements(By.cssSelector(".card")).isEmpty());
        assertThat(browser.findElement(exchange(SEED)).findElement(By.cssSelector("button.headline")).getDomAttribute("aria-expanded"))
            .isEqualTo("false");

        browser.switchTo().activeElement().sendKeys("/");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("figure-filter");
        assertThat(browser.findElement(By.id("figure-filter")).getDomProperty("value")).as("the / is not typed").isEmpty();
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat(browser.switchTo().activeElement().getDomAttribute("class")).isEqualTo("headline");
    }

    /** The server taken away: a banner and greyed rows at once, both gone when it is back. */
    private void deadConnection(WebDriverWait wait) throws Exception {
        List<String> shown = rowKeys();
        proxy.cut();
        wait.until(d -> d.findElement(By.id("offline")).isDisplayed());
        retryingStale(() -> {
            assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-connection")).isEqualTo("offline");
            assertThat(browser.findElement(By.id("status")).getDomAttribute("data-state")).isEqualTo("offline");
            assertThat(browser.findElement(By.id("offline")).getText()).startsWith("No connection to crossfire since")
                .contains("What is below may be out of date");
            assertThat(browser.findElement(By.tagName("main")).getCssValue("filter")).isEqualTo("grayscale(1)");
            assertThat(rowKeys()).as("what was shown stays, greyed").isEqualTo(shown);
        });
        saveViewport("live-view-offline.png", 1280, 1000);
        proxy.restore();
        wait.until(d -> !d.findElement(By.id("offline")).isDisplayed());
        retryingStale(() -> {
            assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-connection")).isEqualTo("live");
            assertThat(browser.findElement(By.id("status")).getDomAttribute("data-state")).isEqualTo("live");
            assertThat(browser.findElement(By.tagName("main")).getCssValue("filter")).isEqualTo("none");
            assertThat(rowKeys()).isEqualTo(shown);
        });
    }

    /** Three senators call a fourth a liar and a coward: a pile-on lands on top with its attackers. */
    private void pileOn(WebDriverWait wait) throws Exception {
        String pileOn = "pileon:" + DeskPosts.PILE_ON_ID;
        replay("pile-on.jsonl", DeskPosts.write(OUT.resolve("pile-on.jsonl"), DeskPosts.pileOn()));
        wait.until(d -> !d.findElements(By.cssSelector(key(pileOn))).isEmpty());
        retryingStale(() -> {
            assertThat(rowKeys()).first().isEqualTo(pileOn);
            WebElement row = browser.findElement(By.cssSelector(key(pileOn)));
            assertThat(row.getDomAttribute("data-level")).isNotEmpty();
            assertThat(row.getDomAttribute("class")).contains("unseen");
            assertThat(row.findElement(By.cssSelector(".who")).getText())
                .isEqualToIgnoringCase("pile-on Lindsey Graham ← 3: Bernard Sanders, Ron Wyden, Patty Murray");
            assertThat(row.findElement(By.cssSelector(".words")).getText()).isEqualTo("Patty Murray: “@LindseyGrahamSC is a liar and a coward.”");
            assertThat(row.findElement(By.cssSelector(".raised")).getText()).startsWith("raised to " + row.getDomAttribute("data-level"));
        });
        browser.findElement(By.cssSelector(key(pileOn) + " button.headline")).click();
        wait.until(d -> !d.findElements(By.cssSelector(key(pileOn) + " .card")).isEmpty());
        retryingStale(() -> {
            WebElement card = browser.findElement(By.cssSelector(key(pileOn) + " .card"));
            assertThat(card.findElements(By.cssSelector(".attackers li")).stream().map(WebElement::getText))
                .containsExactly("Bernard Sanders: 1 attack, most hostile 0.82", "Ron Wyden: 1 attack, most hostile 0.82",
                    "Patty Murray: 1 attack, most hostile 0.82");
            assertThat(card.findElement(By.cssSelector(".attackers .answers")).getText()).isEqualTo("Lindsey Graham has not answered.");
            assertThat(card.findElements(By.cssSelector("li.turn"))).hasSize(2);
            assertThat(card.findElements(By.cssSelector("svg.chart circle"))).hasSize(3);
            assertThat(card.findElements(By.cssSelector(".reasons li b")).stream().map(WebElement::getText)).contains("how many pile on");
            assertThat(browser.findElement(By.cssSelector(key(pileOn))).getDomAttribute("class")).doesNotContain("unseen");
        });
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(d -> d.findElements(By.cssSelector(".card")).isEmpty());
    }

    /** The figure box narrows the list, lives in the address, and a page opened with it starts narrowed. */
    private void followingOneFigure(WebDriverWait wait, String page) {
        WebElement filter = browser.findElement(By.id("figure-filter"));
        filter.sendKeys("Sessions");
        retryingStale(() -> {
            assertThat(rowKeys()).singleElement().satisfies(k -> assertThat(k).startsWith("exchange:" + SEED));
            assertThat(browser.getCurrentUrl()).endsWith("/live/?figure=Sessions");
        });
        filter.sendKeys("x");
        assertThat(rowKeys()).isEmpty();
        assertThat(browser.findElement(By.id("empty")).getText()).isEqualTo("Nothing shown involves “Sessionsx”.");
        browser.get(page + "?figure=lindsey-graham");
        wait.until(d -> !rowKeys().isEmpty());
        retryingStale(() -> {
            assertThat(rowKeys()).containsExactly("pileon:" + DeskPosts.PILE_ON_ID);
            assertThat(browser.findElement(By.id("figure-filter")).getDomProperty("value")).isEqualTo("lindsey-graham");
        });
        browser.get(page);
    }

    /**
     * 200 more exchanges at once: all listed, drawn from a fresh reading after a reload, and one more
     * alert on top of them. Prints the page's own timings; asserts none (a busy machine is slow).
     */
    private void load(String page) throws Exception {
        WebDriverWait wait = waiting(180);
        wait.until(d -> "live".equals(d.findElement(By.id("status")).getDomAttribute("data-state")) && !rowKeys().isEmpty());
        int before = exchangeRows();
        browser.executeScript("performance.clearMeasures()");
        long replayed = replay("load.jsonl", DeskPosts.write(OUT.resolve("load.jsonl"), posts.load(LOAD)));
        wait.until(d -> exchangeRows() >= before + LOAD);
        long listed = System.nanoTime();
        Map<String, Object> alerts = timings("crossfire:alert", 0);
        Map<String, Object> renders = timings("crossfire:render", 0);

        browser.navigate().refresh();
        wait.until(d -> exchangeRows() >= before + LOAD);
        wait.until(d -> !timings("crossfire:reading", LOAD).isEmpty());
        Map<String, Object> reading = timings("crossfire:reading", LOAD);

        browser.executeScript("performance.clearMeasures()");
        long replayedLast = replay("last.jsonl", DeskPosts.write(OUT.resolve("last.jsonl"), posts.last()));
        String last = "exchange:" + DeskPosts.LAST;
        wait.until(d -> !d.findElements(By.cssSelector(key(last))).isEmpty());
        long lastShown = System.nanoTime();
        retryingStale(() -> {
            // newest change on top: nothing above it but what changed after it (a pile-on of the load may come later)
            long changedAt = Long.parseLong(browser.findElement(By.cssSelector(key(last))).getDomAttribute("data-changed-at"));
            @SuppressWarnings("unchecked")
            List<List<Object>> above = (List<List<Object>>) browser.executeScript("const rows = [...document.querySelectorAll('#desk > li.row')];"
                + "return rows.slice(0, rows.findIndex(r => r.dataset.key === arguments[0])).map(r => [r.dataset.key, r.dataset.changedAt]);", last);
            assertThat(above).allSatisfy(r -> assertThat(Long.parseLong((String) r.get(1))).as("%s above", r.get(0)).isGreaterThanOrEqualTo(changedAt));
            assertThat(above).noneMatch(r -> ((String) r.get(0)).startsWith("exchange:"));
            assertThat(browser.findElement(By.cssSelector(key(last))).getDomAttribute("class")).contains("unseen");
        });
        wait.until(d -> timings("crossfire:alert", 0).containsKey(last));
        Map<String, Object> lastAlert = timings("crossfire:alert", 0);
        Map<String, Object> lastRenders = timings("crossfire:render", LOAD);

        System.out.printf("LiveViewIT load: %d exchanges listed %d ms after the replay of %d posts returned; %s alert events taken in, "
                + "from the event to the next frame %s ms median, %s ms at most; drawn in %s renders, script %s ms median, %s ms at most%n",
            exchangeRows(), (listed - replayed) / 1_000_000, LOAD * 3, alerts.get("count"), alerts.get("median"), alerts.get("max"),
            renders.get("count"), renders.get("median"), renders.get("max"));
        System.out.printf("LiveViewIT load: after a reload, %s items drawn from the lists in %s ms (reading taken in to the next frame), "
                + "the frame %s ms after the navigation began%n", reading.get("items"), reading.get("last"), reading.get("end"));
        System.out.printf("LiveViewIT load: one more alert among %s items: %s ms from the event to the next frame (render script %s ms), "
                + "on the page %d ms after its replay returned%n", lastAlert.get("items"), lastAlert.get(last), lastRenders.get("max"),
            (lastShown - replayedLast) / 1_000_000);
    }

    /**
     * The page's own measures of {@code name} (those of a render with at least {@code rows} rows, or
     * of a reading of at least that many items): count, median, max, the last one's duration, end
     * and items, and the duration of each alert by its key.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> timings(String name, int rows) {
        return (Map<String, Object>) browser.executeScript("const all = performance.getEntriesByName(arguments[0], 'measure')"
            + "  .filter(m => !m.detail || ((m.detail.rows ?? m.detail.items ?? 0) >= arguments[1]));"
            + "if (all.length === 0) return {};"
            + "const d = all.map(m => m.duration).sort((a, b) => a - b); const last = all[all.length - 1];"
            + "const out = {count: all.length, median: d[Math.floor(d.length / 2)].toFixed(1), max: d[d.length - 1].toFixed(1),"
            + " last: last.duration.toFixed(1), end: (last.startTime + last.duration).toFixed(0), items: last.detail && last.detail.items};"
            + "for (const m of all) if (m.detail && m.detail.key) out[m.detail.key] = m.duration.toFixed(1);"
            + "return out;", name, rows);
    }

    /**
     * Nothing thrown in the page since the last look. Failed requests are the browser's own entries
     * (a 404 from a server without /pileons, refused connections while the server was away).
     */
    private void assertNoScriptErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(m -> !m.contains("Failed to load resource"))
            .toList();
        assertThat(errors).as("errors in the page's console").isEmpty();
    }

    /** Replays the posts into the running demo; returns when the replay returned. */
    private long replay(String name, Path file) {
        CliRun replayed = CliRun.of("replay", "--posts", file.toString(), cluster[0], cluster[1], cluster[2], cluster[3]);
        assertThat(replayed.exit()).as(name + ": " + replayed.err()).isZero();
        return System.nanoTime();
    }

    private WebDriverWait waiting(int seconds) {
        // a row is drawn anew when its item changes: an element found a moment ago may be gone
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    @SuppressWarnings("unchecked")
    private List<String> rowKeys() {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('#desk > li.row')].map(r => r.dataset.key)");
    }

    private int exchangeRows() {
        return ((Long) browser.executeScript("return document.querySelectorAll('#desk > li.row[data-kind=exchange]').length")).intValue();
    }

    private int streams() {
        return Integer.parseInt(browser.findElement(By.tagName("html")).getDomAttribute("data-streams"));
    }

    private String seedKey() {
        return browser.findElement(exchange(SEED)).getDomAttribute("data-key");
    }

    /** The row of the exchange whose id starts with {@code idPrefix}. */
    private static By exchange(String idPrefix) {
        return By.cssSelector("li.row[data-kind=exchange][data-id^=\"" + idPrefix + "\"]");
    }

    private static String key(String key) {
        return "li.row[data-key=\"" + key + "\"]";
    }

    /** Runs checks on elements found afresh, again when the page redrew a row in between (at most 5 times). */
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

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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
        // an open card's chart is drawn again for the new width a moment after the window changes
        waiting(10).until(d -> (Boolean) browser.executeScript("return [...document.querySelectorAll('svg.chart')]"
            + ".every(c => Number(c.getAttribute('width')) <= document.getElementById('desk').clientWidth)"));
        return saveScreenshot(name);
    }

    /** The whole page at the given width: the window is made as tall as the page (at most 6000 px). */
    private Path saveFullPage(String name, int width) throws Exception {
        saveViewport(name, width, 800);
        long height = (Long) browser.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        return saveViewport(name, width, (int) Math.min(height, 6000));
    }
}
