package dev.switchboard.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.in.web.admin.AdminServer;
import dev.switchboard.adapter.in.web.collector.SinkConfig;
import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import dev.switchboard.bootstrap.Launcher;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.collector.CollectorAssembly;
import dev.switchboard.bootstrap.collector.CollectorOptions;
import dev.switchboard.bootstrap.serve.ServeSettings;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.SamplePeriod;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs), driven through Selenium against what {@code serve} runs
 * ({@link ServeFixture}) after real traffic to each service, and against a collector's own admin
 * server ({@link CollectorFixture}). Screenshots land in {@code target/console-*.png}.
 */
class AdminConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> SERVICES = List.of("tokens", "metrics", "lottery", "collector", "sink");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path profile;

    private static ChromeDriverService service;
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "console browser test skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " are missing (Debian: apt-get install chromium chromium-driver); CI always runs it");
        }
        assertThat(installed).as("CI installs chromium and chromium-driver (.ci/run)").isTrue();
        // the installed driver and browser only: Selenium Manager must never try to download either
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")), "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @BeforeEach
    void blankPage() {
        browser.get("about:blank");
        pageErrors(); // reading the log empties it: each test sees its own page's entries only
    }

    // ---------- helpers ----------

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static String attr(String id, String name) {
        return byId(id).getDomAttribute(name);
    }

    private static void awaitRefreshes(int atLeast) {
        await().atMost(PATIENCE).ignoreExceptions().until(() ->
                Integer.parseInt(browser.findElement(By.tagName("body")).getDomAttribute("data-refreshes")) >= atLeast);
    }

    private static void awaitPanel(String service, String state) {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> state.equals(attr("panel-" + service, "data-state")));
    }

    private static void screenshot(String name) throws IOException {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.write(target.resolve("console-" + name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Script errors and refused loads (a content-security-policy violation is one) are bugs of the page. */
    private static List<String> pageErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** The chart's points, [timestamp, value] pairs, as the page exposes them. */
    private static JsonArray chartPoints() {
        return JsonParser.parseString(attr("metrics-chart", "data-points")).getAsJsonArray();
    }

    private static boolean chartHas(long timestamp, double value) {
        for (JsonElement point : chartPoints()) {
            JsonArray pair = point.getAsJsonArray();
            if (pair.get(0).getAsLong() == timestamp && pair.get(1).getAsDouble() == value) {
                return true;
            }
        }
        return false;
    }

    // ---------- the served process ----------

    @Test
    void metricsPanel_chartsEverySeriesAPatternMatchesOverATimeRange() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            long now = System.currentTimeMillis() / 1000;
            for (int i = 0; i < 5; i++) {
                Traffic.putMetric(serve, "web1.load", 1 + i, now - 600 + 60L * i);
                Traffic.putMetric(serve, "web2.load", 10 + i, now - 600 + 60L * i);
                Traffic.putMetric(serve, "db.load", 100 + i, now - 600 + 60L * i);
            }
            Traffic.putMetric(serve, "web1.load", 0.5, now - 6 * 86_400L - 43_200L);

            browser.get(serve.admin().toString());
            awaitRefreshes(1);
            openTab("metrics");
            awaitPanel("metrics", "running");
            byId("metrics-target").sendKeys("web*.load", Keys.ENTER);
            await().atMost(PATIENCE).ignoreExceptions().until(() -> "web*.load".equals(attr("metrics-chart", "data-key")));
            assertThat(JsonParser.parseString(attr("metrics-chart", "data-series")).getAsJsonArray().asList())
                    .extracting(JsonElement::getAsString).containsExactly("web1.load", "web2.load");
            assertThat(browser.findElements(By.cssSelector("#metrics-chart polyline.series"))).hasSize(2);
            assertThat(browser.findElements(By.cssSelector("#metrics-legend li")))
                    .extracting(WebElement::getText).containsExactly("web1.load", "web2.load");
            // the last hour holds five points of each; the last 7 days reach the 6.5-day-old one too
            assertThat(attr("metrics-chart", "data-count")).isEqualTo("10");
            new Select(byId("metrics-range")).selectByValue("-7d");
            await().atMost(PATIENCE).ignoreExceptions().until(() -> JsonParser.parseString(attr("metrics-chart", "data-points"))
                    .getAsJsonArray().get(0).getAsJsonArray().get(0).getAsJsonArray().get(0).getAsLong() < now - 6 * 86_400L);
            screenshot("metrics-pattern");
            assertThat(pageErrors()).isEmpty();
        }
    }

    @Test
    void metricsPanel_showsThePointsJustPut_andFollowsNewOnes() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            Traffic.putMetric(serve, "disk.free", 41.5, 1150864000L);
            for (int i = 0; i < 12; i++) {
                Traffic.putMetric(serve, "palm.cpu", 20 + (i * 7 % 11) + 0.5, 1150864247L + 60L * i);
            }
            List<String> running = JsonParser.parseString(serve.get("/api/health").body()).getAsJsonObject()
                    .getAsJsonArray("services").asList().stream().map(JsonElement::getAsString).toList();

            browser.get(serve.admin().toString());
            awaitRefreshes(1);
            browser.findElement(By.cssSelector("[data-tab='metrics']")).click();
            awaitPanel("metrics", "running");
            browser.findElement(By.cssSelector("#metrics-keys tr[data-key='palm.cpu']")).click();

            await().atMost(PATIENCE).ignoreExceptions().until(() -> "palm.cpu".equals(attr("metrics-chart", "data-key")));
            assertThat(byId("panel-metrics").isDisplayed()).isTrue();
            assertThat(chartPoints()).hasSize(12);
            assertThat(chartHas(1150864247L, 20.5)).isTrue();
            assertThat(browser.findElements(By.cssSelector("#metrics-chart circle"))).hasSize(12);
            assertThat(browser.findElement(By.cssSelector("#metrics-chart polyline")).getDomAttribute("points"))
                    .matches("([0-9.]+,[0-9.]+ ){11}[0-9.]+,[0-9.]+");
            assertThat(attr("metrics-keys", "data-keys")).isEqualTo("2");
            assertThat(browser.findElement(By.cssSelector("#metrics-keys tr[data-key='palm.cpu']")).getText())
                    .contains("palm.cpu", "12");
            assertThat(byId("metrics-summary").getText()).isEqualTo("2 keys · 13 points");
            assertThat(byId("health").getDomAttribute("data-state")).isEqualTo("up");
            assertThat(browser.findElement(By.cssSelector("[data-tab='metrics'] .badge")).getText()).isEqualTo("2");
            for (String service : SERVICES) {
                if (!running.contains(service)) {
                    awaitPanel(service, "absent");
                    assertThat(browser.findElement(By.cssSelector("#panel-" + service + " .notice")).getAttribute("textContent"))
                            .isEqualTo("not running in this process");
                }
            }
            screenshot("metrics");

            // new traffic shows up at the next refresh, without a reload
            Traffic.putMetric(serve, "palm.cpu", 99.25, 1150864247L + 60L * 12);
            await().atMost(PATIENCE).ignoreExceptions().until(() -> chartHas(1150864247L + 60L * 12, 99.25));
            assertThat(browser.findElement(By.cssSelector("#metrics-chart circle.last")).getDomAttribute("data-value"))
                    .isEqualTo("99.25");

            // the key filter narrows the table; the chart keeps the chosen key
            byId("metrics-filter").sendKeys("disk");
            assertThat(browser.findElements(By.cssSelector("#metrics-keys tr[data-key]")))
                    .extracting(row -> row.getDomAttribute("data-key")).containsExactly("disk.free");
            assertThat(attr("metrics-chart", "data-key")).isEqualTo("palm.cpu");

            // another tab shows what that service's state is
            browser.findElement(By.cssSelector("[data-tab='lottery']")).click();
            assertThat(byId("panel-lottery").isDisplayed()).isTrue();
            assertThat(byId("panel-metrics").isDisplayed()).isFalse();
            assertThat(pageErrors()).isEmpty();
        }
    }

    @Test
    void metricsPanel_readsEveryPageOfALongList() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            int keys = 2_345; // three pages of the API's default 1000
            try (MetricsClient client = new MetricsClient("127.0.0.1", serve.metricsPort(), Duration.ofSeconds(10))) {
                for (int i = 0; i < keys; i++) {
                    client.put("many.k" + i, i, 1_000 + i);
                }
            }
            assertThat(serve.get("/api/metrics?key=*").body()).contains("\"next\":");

            browser.get(serve.admin().toString());
            browser.findElement(By.cssSelector("[data-tab='metrics']")).click();
            awaitPanel("metrics", "running");
            await().atMost(PATIENCE).ignoreExceptions().until(() -> String.valueOf(keys).equals(attr("metrics-keys", "data-keys")));
            assertThat(byId("metrics-summary").getText()).startsWith("2345 keys · 2,345 points");
            assertThat(pageErrors()).isEmpty();
        }
    }

    @Test
    void withAToken_theConsoleAsksOnce_refusesAWrongOne_andKeepsTheRightOne() throws Exception {
        try (ServeFixture serve = ServeFixture.startWithToken("let-me-in")) {
            Traffic.putMetric(serve, "palm.cpu", 23.7, 1150864247L);

            browser.get(serve.admin().toString());
            await().atMost(PATIENCE).ignoreExceptions().until(() -> byId("auth").isDisplayed());
            assertThat(byId("health").getDomAttribute("data-state")).isEqualTo("locked");
            screenshot("token");

            byId("auth-token").sendKeys("not-it");
            byId("auth-token").submit();
            await().atMost(PATIENCE).ignoreExceptions().until(() -> byId("auth-message").getText().contains("refused"));
            assertThat(byId("auth").isDisplayed()).isTrue();

            byId("auth-token").sendKeys("let-me-in");
            byId("auth-token").submit();
            awaitPanel("metrics", "running");
            assertThat(byId("auth").isDisplayed()).isFalse();
            // auto-refresh goes on with the same token, and never asks again
            int now = Integer.parseInt(browser.findElement(By.tagName("body")).getDomAttribute("data-refreshes"));
            awaitRefreshes(now + 2);
            assertThat(byId("auth").isDisplayed()).isFalse();
            assertThat(byId("health").getDomAttribute("data-state")).isEqualTo("up");
            assertThat(attr("metrics-chart", "data-key")).isEqualTo("palm.cpu");
            assertThat(chartHas(1150864247L, 23.7)).isTrue();
            // kept in the page's memory only: nothing written to the browser's storage
            assertThat(((ChromeDriver) browser).executeScript(
                    "return window.localStorage.length + window.sessionStorage.length + document.cookie.length")).isEqualTo(0L);
        }
    }

    // ---------- every panel, from real traffic ----------

    private static WebElement row(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    /**
     * Reads a row's cells, finding the row again if the page re-rendered it between the find and
     * the read (the console refreshes its tables on a timer, so an element can go stale).
     */
    private static List<String> cells(String rowCss) {
        return fresh(() -> row(rowCss).findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
    }

    /** The text of the element, found again if a refresh replaced it while it was read. */
    private static String text(String css) {
        return fresh(() -> row(css).getText());
    }

    /** A DOM attribute of the element, found again if a refresh replaced it while it was read. */
    private static String domAttr(String css, String name) {
        return fresh(() -> row(css).getDomAttribute(name));
    }

    private static <T> T fresh(java.util.concurrent.Callable<T> read) {
        return await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class)
                .until(read, value -> true);
    }

    private static void openTab(String service) {
        browser.findElement(By.cssSelector("[data-tab='" + service + "']")).click();
        awaitPanel(service, "running");
    }

    @Test
    void everyPanel_showsTheTrafficJustSentToTheRealServices(@TempDir Path spool) throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            // tokens: two clients over the JSON-lines protocol; a token may look like markup
            int c1 = Traffic.sendTokens(serve, "c1", List.of("abc", "xyz", "abc"));
            int c2 = Traffic.sendTokens(serve, "c2", List.of("abc", "<b>odd</b>"));
            // metrics: a put over the text protocol
            Traffic.putMetric(serve, "palm.cpu", 23.7, 1150864247L);
            // lottery: agency 1 sends two batches in the text dialect, agency 2 one
            assertThat(Traffic.sendBatch(serve, 1, List.of("Ana;Lopez;30904465;1990-05-01;7574",
                    "Juan;Perez;33791469;1985-12-31;1234"))).startsWith("success;");
            assertThat(Traffic.sendBatch(serve, 1, List.of("Eva;Diaz;20111222;2000-01-01;42"))).startsWith("success;");
            assertThat(Traffic.sendBatch(serve, 2, List.of("Luis;Gomez;40111222;1970-07-07;99"))).startsWith("success;");
            // sink: two batches as the collector posts them, one of them twice
            assertThat(serve.postToSink("26593136.dat", "3 1595588160000000000\n").statusCode()).isEqualTo(200);
            assertThat(serve.postToSink("26593137.dat", "7 1595588220000000000\n1 1595588221000000000\n").statusCode())
                    .isEqualTo(200);
            assertThat(serve.postToSink("26593136.dat", "3 1595588160000000000\n").statusCode()).isEqualTo(200);

            browser.get(serve.admin() + "#tokens");
            awaitPanel("tokens", "running");
            assertThat(attr("tokens-table", "data-handlers")).isEqualTo("3");
            assertThat(cells("#tokens-table tr[data-token='abc'][data-client='c1']"))
                    .containsExactly("abc", "c1", "127.0.0.1:" + c1, "3", "3");
            assertThat(cells("#tokens-table tr[data-token='abc'][data-client='c2']"))
                    .containsExactly("c2", "127.0.0.1:" + c2, "2", "2");
            assertThat(cells("#tokens-table tr[data-token='xyz'][data-client='c1']"))
                    .containsExactly("xyz", "c1", "127.0.0.1:" + c1, "3", "3");
            // a token is text, never markup
            assertThat(browser.findElements(By.cssSelector("#tokens-table b"))).isEmpty();
            assertThat(text("#tokens-table tr[data-token='<b>odd</b>']")).contains("<b>odd</b>", "c2");
            assertThat(byId("tokens-summary").getText()).isEqualTo("3 handlers · 4 client rows");
            screenshot("tokens");
            byId("tokens-filter").sendKeys("xy");
            await().atMost(PATIENCE).ignoreExceptions().until(() -> "1".equals(attr("tokens-table", "data-shown")));
            assertThat(browser.findElements(By.cssSelector("#tokens-table tr[data-token]")))
                    .extracting(r -> r.getDomAttribute("data-token")).containsExactly("xyz");

            openTab("metrics");
            assertThat(attr("metrics-chart", "data-key")).isEqualTo("palm.cpu");
            assertThat(chartHas(1150864247L, 23.7)).isTrue();
            assertThat(text("#metrics-keys tr[data-key='palm.cpu']")).contains("23.7", "2006-06-21 04:30:47Z");

            openTab("lottery");
            String agency1 = "#lottery-agencies tr[data-agency='1']";
            assertThat(domAttr(agency1, "data-bets")).isEqualTo("3");
            assertThat(domAttr(agency1, "data-batches")).isEqualTo("2");
            assertThat(cells(agency1).subList(0, 3)).containsExactly("1", "3", "2");
            assertThat(domAttr("#lottery-agencies tr[data-agency='2']", "data-bets")).isEqualTo("1");
            assertThat(attr("lottery-cards", "data-total-bets")).isEqualTo("4");
            assertThat(attr("lottery-cards", "data-draw-done")).isEqualTo("false");
            assertThat(text("[data-field='agenciesDone'] .card-value")).isEqualTo("0 / " + ServeFixture.AGENCIES);
            // both agencies say they are done: the draw shows up at a later refresh, without a reload
            CompletableFuture<String> end1 = CompletableFuture.supplyAsync(() -> frame(serve, "END;1"));
            await().atMost(PATIENCE).until(() -> serve.get("/api/lottery").body().contains("\"done\":true"));
            assertThat(Traffic.lotteryFrame(serve, "END;2")).isEqualTo("NO_WINNERS");
            assertThat(end1.get(10, TimeUnit.SECONDS)).isEqualTo("30904465");
            await().atMost(PATIENCE).ignoreExceptions().until(() -> "true".equals(attr("lottery-cards", "data-draw-done")));
            assertThat(domAttr("#lottery-agencies tr[data-agency='1']", "data-winners")).isEqualTo("1");
            row("#lottery-agencies tr[data-agency='1'] summary").click();
            assertThat(text("#lottery-agencies tr[data-agency='1'] details div")).isEqualTo("30904465");
            assertThat(text("[data-field='winners'] .card-value")).isEqualTo("1");
            screenshot("lottery");

            openTab("sink");
            assertThat(attr("sink-cards", "data-receipts")).isEqualTo("2");
            assertThat(attr("sink-cards", "data-duplicates")).isEqualTo("1");
            // newest first
            assertThat(fresh(() -> browser.findElements(By.cssSelector("#sink-receipts tr[data-batch-id]")).stream()
                    .map(r -> r.getDomAttribute("data-batch-id")).toList())).containsExactly("26593137.dat", "26593136.dat");
            List<String> receipt = cells("#sink-receipts tr[data-batch-id='26593136.dat']");
            assertThat(receipt.subList(0, 2)).containsExactly("26593136.dat", "22");
            assertThat(receipt.get(2)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
            assertThat(text("[data-field='bytes'] .card-value")).isEqualTo("66 B");
            screenshot("sink");

            // this serve runs with --collector off (the sink holds exactly the batches posted above)
            browser.findElement(By.cssSelector("[data-tab='collector']")).click();
            awaitPanel("collector", "absent");
            assertThat(text("#panel-collector .notice")).isEqualTo("not running in this process");
            assertThat(pageErrors()).isEmpty();

            // a collector runs as its own process, with its own console, and ships to this sink
            try (CollectorFixture collector = CollectorFixture.start(spool, serve.sinkPort())) {
                browser.get(collector.admin() + "#collector");
                awaitPanel("collector", "running");
                await().atMost(PATIENCE).ignoreExceptions().until(() -> Long.parseLong(attr("collector-cards", "data-sent")) >= 1);
                assertThat(attr("collector-cards", "data-failures")).isEqualTo("0");
                assertThat(attr("collector-last-error", "data-error")).isEmpty();
                assertThat(byId("collector-last-error").getText()).isEqualTo("last run: no error");
                // members beyond the contract's are shown as they come
                assertThat(text("[data-field='spool'] .fact-value")).isEqualTo(spool.toString());
                assertThat(text("[data-field='target'] .fact-value")).isEqualTo("http://127.0.0.1:" + serve.sinkPort() + "/");
                assertThat(row("[data-field='bytesSent'] .card-label").getAttribute("textContent")).isEqualTo("bytes sent");
                assertThat(text("[data-field='bytesSent'] .card-value")).matches("\\d+ B|\\d+\\.\\d KiB");
                awaitPanel("tokens", "absent");
                screenshot("collector");
                assertThat(pageErrors()).isEmpty();
            }
        }
    }

    /**
     * {@code serve}'s own collector, pointed at a sink that is not there yet: the panel shows the
     * failures, the error and the files piling up; once the sink comes up, the backlog ships and
     * the error clears, without a reload.
     */
    @Test
    void collectorPanel_showsServesSpool_failingWhileTheSinkIsDown_thenDelivering(@TempDir Path spool) throws Exception {
        int sinkPort = Launcher.freePort();
        ServeSettings.Collector collector = new ServeSettings.Collector(spool,
                Optional.of(URI.create("http://127.0.0.1:" + sinkPort + "/")),
                new CollectorOptions(Duration.ofMillis(300), SamplePeriod.ofMillis(20), Rotation.ofSeconds(1),
                        Duration.ofSeconds(2), 2));
        try (ServeFixture serve = ServeFixture.startWithCollector(collector)) {
            browser.get(serve.admin() + "#collector");
            awaitPanel("collector", "running");
            await().atMost(PATIENCE).ignoreExceptions().until(() -> Long.parseLong(attr("collector-cards", "data-pending")) >= 2
                    && Long.parseLong(attr("collector-cards", "data-failures")) >= 1);
            assertThat(attr("collector-cards", "data-sent")).isEqualTo("0");
            assertThat(attr("collector-last-error", "data-error")).contains("127.0.0.1:" + sinkPort).contains("refused");
            assertThat(byId("collector-last-error").getText()).startsWith("last error: ").contains("files wait in the spool");
            assertThat(domAttr("[data-field='failures']", "class")).contains("bad");
            assertThat(text("[data-tab='collector'] .badge")).isEqualTo("failing");
            assertThat(text("[data-field='target'] .fact-value")).isEqualTo("http://127.0.0.1:" + sinkPort + "/");
            assertThat(text("[data-field='spool'] .fact-value")).isEqualTo(spool.toAbsolutePath().normalize().toString());
            // the spool as the page shows it is the directory's: the files waiting are there
            long waiting = Long.parseLong(attr("collector-cards", "data-pending"));
            try (Stream<Path> files = Files.list(spool)) {
                assertThat(files.filter(p -> p.getFileName().toString().matches("\\d+\\.dat")).count())
                        .isGreaterThanOrEqualTo(waiting);
            }
            screenshot("collector-failing");

            try (ServerRuntime sink = new ServerRuntime(ServerOptions.memory(0))) {
                CollectorAssembly.installSink(sink, SinkConfig.of("127.0.0.1", sinkPort),
                        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
                sink.start();
                await().atMost(PATIENCE).ignoreExceptions().until(() -> Long.parseLong(attr("collector-cards", "data-sent")) >= waiting
                        && attr("collector-last-error", "data-error").isEmpty());
                assertThat(byId("collector-last-error").getText()).isEqualTo("last run: no error");
                assertThat(text("[data-tab='collector'] .badge")).endsWith(" ready");
                assertThat(text("[data-field='bytesSent'] .card-value")).matches("\\d+ B|\\d+\\.\\d KiB");
                assertThat(Long.parseLong(attr("collector-cards", "data-samples"))).isPositive();
                assertThat(text("[data-field='lastRunAt'] .fact-value")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z +\\d+ s ago");
                // the chart remembers each refresh: files waiting while the sink was down, then a refresh that shipped them
                JsonArray shipped = JsonParser.parseString(attr("collector-chart", "data-shipped")).getAsJsonArray();
                JsonArray pending = JsonParser.parseString(attr("collector-chart", "data-pending")).getAsJsonArray();
                assertThat(shipped.asList()).anyMatch(n -> n.getAsLong() >= waiting);
                assertThat(pending.asList()).anyMatch(n -> n.getAsLong() >= waiting);
                assertThat(browser.findElements(By.cssSelector("#collector-chart polyline.series"))).hasSize(2);
                assertThat(browser.findElements(By.cssSelector("#collector-chart rect.failed-run"))).isNotEmpty();
                screenshot("collector-delivering");
            }
            assertThat(pageErrors()).isEmpty();
        }
    }

    private static String frame(ServeFixture serve, String request) {
        try {
            return Traffic.lotteryFrame(serve, request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AdminServer adminWith(Map<String, String> answers) throws IOException {
        AdminServer admin = new AdminServer("127.0.0.1", 0, Optional.empty(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        answers.forEach((service, json) -> admin.service(service, query -> JsonParser.parseString(json)));
        return admin;
    }

    /** Answers no real server gives (no agency at all, members missing): the page must still draw. */
    @Test
    void panels_surviveEmptyAndSparseAnswers() throws Exception {
        try (AdminServer admin = adminWith(Map.of(
                "tokens", "{\"handlers\":[]}",
                "metrics", "{\"metrics\":{}}",
                "lottery", "{\"totalBets\":0,\"drawDone\":false,\"agencies\":[]}",
                "collector", "{\"pending\":0,\"locked\":0,\"sent\":0,\"failures\":0,\"lastError\":null,\"spoolDir\":\"/tmp/spool\",\"filesSkipped\":3}",
                "sink", "{\"receipts\":[],\"duplicates\":0}"))) {
            URI uri = admin.start();
            browser.get(uri + "#collector");

            for (String service : SERVICES) {
                awaitPanel(service, "running");
            }
            assertThat(attr("metrics-chart", "data-key")).isEmpty();
            assertThat(attr("metrics-chart", "data-points")).isEqualTo("[]");
            assertThat(attr("collector-last-error", "data-error")).isEmpty();
            // a member added later is shown without a change to the page
            assertThat(browser.findElement(By.cssSelector("[data-field='spoolDir'] .fact-value")).getText()).isEqualTo("/tmp/spool");
            assertThat(browser.findElement(By.cssSelector("[data-field='filesSkipped'] .card-label")).getAttribute("textContent"))
                    .isEqualTo("files skipped");
            assertThat(browser.findElement(By.cssSelector("[data-field='filesSkipped'] .card-value")).getText()).isEqualTo("3");
            assertThat(browser.findElement(By.cssSelector("[data-field='draw'], [data-field='drawDone']")).getAttribute("textContent"))
                    .contains("pending");
            assertThat(pageErrors()).isEmpty();
        }
    }
}
