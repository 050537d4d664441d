package dev.switchboard.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.in.web.admin.AdminServer;
import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs), driven through Selenium against the admin server on a free
 * port. Screenshots land in {@code target/console-*.png}.
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

    private static void put(ServeFixture serve, String key, double value, long timestamp) throws Exception {
        try (MetricsClient client = new MetricsClient("127.0.0.1", serve.metricsPort(), Duration.ofSeconds(5))) {
            client.put(key, value, timestamp);
        }
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
    void metricsPanel_showsThePointsJustPut_andFollowsNewOnes() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            put(serve, "disk.free", 41.5, 1150864000L);
            for (int i = 0; i < 12; i++) {
                put(serve, "palm.cpu", 20 + (i * 7 % 11) + 0.5, 1150864247L + 60L * i);
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
            put(serve, "palm.cpu", 99.25, 1150864247L + 60L * 12);
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
    void withAToken_theConsoleAsksOnce_refusesAWrongOne_andKeepsTheRightOne() throws Exception {
        try (ServeFixture serve = ServeFixture.startWithToken("let-me-in")) {
            put(serve, "palm.cpu", 23.7, 1150864247L);

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

    // ---------- the other panels, from the SPEC 8 shapes until their services are merged ----------

    private static final String TOKENS = """
            {"handlers":[
              {"token":"abc","rows":[{"id":"c1","addr":"127.0.0.1:50312","expected":3,"received":2},
                                     {"id":"c2","addr":"127.0.0.1:50313","expected":1,"received":4}]},
              {"token":"xyz","rows":[{"id":"c1","addr":"127.0.0.1:50312","expected":3,"received":2}]},
              {"token":"<b>odd</b>","rows":[]}]}""";
    private static final String LOTTERY = """
            {"totalBets":78697,"drawDone":true,"agencies":[
              {"agency":1,"bets":15000,"batches":150,"done":true,"winners":[30904465,33791469]},
              {"agency":2,"bets":16000,"batches":160,"done":true,"winners":[]},
              {"agency":3,"bets":12000,"batches":120,"done":false,"winners":[]}]}""";
    private static final String COLLECTOR = """
            {"pending":2,"locked":1,"sent":12,"failures":3,"lastError":"POST http://127.0.0.1:1080/ refused"}""";
    private static final String SINK = """
            {"receipts":[{"batchId":"26593136.dat","bytes":4096,"receivedAt":"2026-11-22T10:15:00Z"},
                         {"batchId":"26593137.dat","bytes":2048,"receivedAt":"2026-11-22T10:16:00Z"}],"duplicates":1}""";

    private static AdminServer adminWith(Map<String, String> answers) throws IOException {
        AdminServer admin = new AdminServer("127.0.0.1", 0, Optional.empty(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        answers.forEach((service, json) -> admin.service(service, query -> JsonParser.parseString(json)));
        return admin;
    }

    @Test
    void otherPanels_renderTheDocumentedShapes() throws Exception {
        try (AdminServer admin = adminWith(Map.of("tokens", TOKENS, "lottery", LOTTERY, "collector", COLLECTOR, "sink", SINK))) {
            URI uri = admin.start();
            browser.get(uri + "#tokens");
            awaitPanel("tokens", "running");
            awaitPanel("metrics", "absent");

            assertThat(attr("tokens-table", "data-handlers")).isEqualTo("3");
            assertThat(browser.findElements(By.cssSelector("#tokens-table tr[data-token='abc']"))).hasSize(2);
            assertThat(browser.findElement(By.cssSelector("#tokens-table tr[data-token='abc'][data-client='c2']")).getText())
                    .contains("127.0.0.1:50313", "1", "4");
            // a token is text, never markup
            assertThat(browser.findElements(By.cssSelector("#tokens-table b"))).isEmpty();
            assertThat(browser.findElement(By.cssSelector("#tokens-table tr[data-token='<b>odd</b>']")).getText())
                    .contains("<b>odd</b>", "no client yet");
            screenshot("tokens");
            byId("tokens-filter").sendKeys("xy");
            await().atMost(PATIENCE).ignoreExceptions().until(() -> "1".equals(attr("tokens-table", "data-shown")));
            assertThat(browser.findElements(By.cssSelector("#tokens-table tr[data-token]")))
                    .extracting(row -> row.getDomAttribute("data-token")).containsExactly("xyz");

            browser.findElement(By.cssSelector("[data-tab='lottery']")).click();
            awaitPanel("lottery", "running");
            assertThat(attr("lottery-cards", "data-draw-done")).isEqualTo("true");
            assertThat(attr("lottery-cards", "data-total-bets")).isEqualTo("78697");
            assertThat(browser.findElement(By.cssSelector("[data-field='agenciesDone'] .card-value")).getText()).isEqualTo("2 / 3");
            assertThat(browser.findElement(By.cssSelector("#lottery-agencies tr[data-agency='1']")).getDomAttribute("data-winners"))
                    .isEqualTo("2");
            assertThat(browser.findElement(By.cssSelector("#lottery-agencies tr[data-agency='3']")).getDomAttribute("data-done"))
                    .isEqualTo("false");
            browser.findElement(By.cssSelector("#lottery-agencies tr[data-agency='1'] summary")).click();
            assertThat(browser.findElement(By.cssSelector("#lottery-agencies tr[data-agency='1'] details div")).getText())
                    .isEqualTo("30904465, 33791469");
            // an opened list stays open across the refreshes that redraw the table
            awaitRefreshes(Integer.parseInt(browser.findElement(By.tagName("body")).getDomAttribute("data-refreshes")) + 1);
            assertThat(browser.findElement(By.cssSelector("#lottery-agencies tr[data-agency='1'] details")).getDomProperty("open"))
                    .isEqualTo("true");
            screenshot("lottery");

            browser.findElement(By.cssSelector("[data-tab='collector']")).click();
            awaitPanel("collector", "running");
            assertThat(attr("collector-cards", "data-pending")).isEqualTo("2");
            assertThat(attr("collector-cards", "data-locked")).isEqualTo("1");
            assertThat(attr("collector-cards", "data-sent")).isEqualTo("12");
            assertThat(attr("collector-cards", "data-failures")).isEqualTo("3");
            assertThat(attr("collector-last-error", "data-error")).isEqualTo("POST http://127.0.0.1:1080/ refused");
            screenshot("collector");

            browser.findElement(By.cssSelector("[data-tab='sink']")).click();
            awaitPanel("sink", "running");
            assertThat(attr("sink-cards", "data-receipts")).isEqualTo("2");
            assertThat(attr("sink-cards", "data-duplicates")).isEqualTo("1");
            assertThat(browser.findElements(By.cssSelector("#sink-receipts tr[data-batch-id]")))
                    .extracting(row -> row.getDomAttribute("data-batch-id")).containsExactly("26593137.dat", "26593136.dat");
            assertThat(browser.findElement(By.cssSelector("[data-field='bytes'] .card-value")).getText()).isEqualTo("6.0 KiB");
            screenshot("sink");

            browser.findElement(By.cssSelector("[data-tab='metrics']")).click();
            assertThat(browser.findElement(By.cssSelector("#panel-metrics .notice")).getText()).isEqualTo("not running in this process");
            assertThat(pageErrors()).isEmpty();
        }
    }

    @Test
    void panels_surviveEmptyAndSparseAnswers() throws Exception {
        try (AdminServer admin = adminWith(Map.of(
                "tokens", "{\"handlers\":[]}",
                "metrics", "{\"metrics\":{}}",
                "lottery", "{\"totalBets\":0,\"drawDone\":false,\"agencies\":[]}",
                "collector", "{\"pending\":0,\"locked\":0,\"sent\":0,\"failures\":0,\"lastError\":null,\"spoolDir\":\"/tmp/spool\"}",
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
            assertThat(browser.findElement(By.cssSelector("[data-field='spoolDir'] .card-value")).getText()).isEqualTo("/tmp/spool");
            assertThat(browser.findElement(By.cssSelector("[data-field='draw'], [data-field='drawDone']")).getAttribute("textContent"))
                    .contains("pending");
            assertThat(pageErrors()).isEmpty();
        }
    }
}
