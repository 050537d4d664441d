package dev.switchboard.adapter.in.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminServerTest {

    private static final String TOKEN = "s3cret-token";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private AdminServer server;
    private URI base;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Optional<String> token) throws IOException {
        server = new AdminServer("127.0.0.1", 0, token, registry);
        server.service("alpha", query -> Map.of("query", query));
        server.service("beta", query -> List.of(1, 2));
        server.route("/api/alpha/fail", query -> {
            throw new ApiException(400, "bad key: x");
        });
        server.route("/api/alpha/crash", query -> {
            throw new IllegalStateException("secret internals");
        });
        base = server.start();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, headers);
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Test
    void start_bindsTheGivenLoopbackAddressOnAFreePort() throws Exception {
        start(Optional.empty());

        assertThat(server.localAddress().getHostString()).isEqualTo("127.0.0.1");
        assertThat(server.localAddress().getPort()).isPositive();
        assertThat(base.toString()).isEqualTo("http://127.0.0.1:" + server.localAddress().getPort() + "/");
    }

    @Test
    void start_onAPortInUse_failsWithAMessageNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            AdminServer clash = new AdminServer("127.0.0.1", taken.getLocalPort(), Optional.empty(), registry);

            assertThatThrownBy(clash::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void health_listsTheServicesInTheOrderTheyWereAdded() throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = get("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"services\":[\"alpha\",\"beta\"]}");
    }

    @Test
    void serviceRoute_getsTheDecodedQueryAndAnswersItsObjectAsJson() throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = get("/api/alpha?key=palm.cpu&x=a%20b");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).getAsJsonObject("query").toString()).isEqualTo("{\"key\":\"palm.cpu\",\"x\":\"a b\"}");
        assertThat(get("/api/beta").body()).isEqualTo("[1,2]");
    }

    @Test
    void routeThrowingApiException_answersItsStatusAndMessageAsJson() throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = get("/api/alpha/fail");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").getAsString()).isEqualTo("bad key: x");
    }

    @Test
    void routeFailingUnexpectedly_answers500WithoutItsDetails() throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = get("/api/alpha/crash");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).get("error").getAsString()).isEqualTo("internal error");
        assertThat(response.body()).doesNotContain("secret internals").doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/nope", "/api", "/api/", "/nope", "/favicon.ico", "/console/nope.js",
        "/console/index.html", "/console/.js", "/metrics/x"})
    void unknownPath_answers404AsJson(String path) throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").getAsString()).startsWith("not found");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/..%2fAdminServer.class", "/console/%2e%2e/x.js", "/api/%00"})
    void pathsJettyRefusesItself_stillAnswerJsonWithTheSecurityHeaders(String path) throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isBetween(400, 404);
        assertThat(json(response).get("error").getAsString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Jetty").doesNotContain("<");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void otherMethods_answer405WithTheAllowedOnes(String method) throws Exception {
        start(Optional.empty());

        for (String path : List.of("/api/health", "/metrics", "/")) {
            HttpResponse<String> response = send(method, path);

            assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(json(response).get("error").getAsString()).isEqualTo("method not allowed");
        }
    }

    @Test
    void head_answersTheHeadersWithoutABody() throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = send("HEAD", "/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Length"))
                .hasValue(String.valueOf(get("/api/health").body().length()));
    }

    @Test
    void console_isServedWithItsScriptAndStyleFromTheJar() throws Exception {
        start(Optional.empty());

        HttpResponse<String> page = get("/");
        HttpResponse<String> script = get("/console/console.js");
        HttpResponse<String> style = get("/console/console.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"/console/console.js\"", "href=\"/console/console.css\"")
                // no inline code: the content security policy forbids it
                .doesNotContain("<script>").doesNotContain("<style>").doesNotContain("http://").doesNotContain("https://");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("/api/health");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/index.html").body()).isEqualTo(page.body());
    }

    @Test
    void everyAnswer_carriesTheSecurityHeaders() throws Exception {
        start(Optional.of(TOKEN));
        String auth = "Bearer " + TOKEN;

        List<HttpResponse<String>> answers = List.of(
                get("/"), get("/console/console.js"), get("/api/health", "Authorization", auth),
                get("/api/health"), get("/metrics", "Authorization", auth), get("/nope"),
                get("/api/alpha/crash", "Authorization", auth), send("POST", "/"));

        for (HttpResponse<String> answer : answers) {
            String what = answer.request().method() + " " + answer.uri().getPath() + " " + answer.statusCode();
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'"));
            assertThat(answer.headers().firstValue("Server")).as(what).isEmpty();
        }
    }

    @Test
    void apiAndMetricsAnswers_areNeverCached_consoleFilesAreRevalidated() throws Exception {
        start(Optional.empty());

        assertThat(get("/api/health").headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(get("/api/alpha").headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(get("/metrics").headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(get("/").headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(get("/console/console.css").headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(get("/").headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'", "connect-src 'self'").doesNotContain("unsafe"));
    }

    @Test
    void prometheus_answersTheRegistryInTheTextFormat() throws Exception {
        Counter.builder("probe.hits").tag("service", "alpha").register(registry).increment(3);
        start(Optional.empty());

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("# TYPE probe_hits_total counter\n")
                .contains("probe_hits_total{service=\"alpha\"} 3.0\n");
    }

    @Test
    void withToken_apiAndMetricsWithoutIt_answer401WithAChallenge() throws Exception {
        start(Optional.of(TOKEN));

        for (String path : List.of("/api/health", "/api/alpha", "/metrics", "/api/unknown", "/api")) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(json(response).get("error").getAsString()).isEqualTo("missing bearer token");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
            assertThat(response.body()).doesNotContain(TOKEN);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer s3cret-toke", "Bearer s3cret-token2", "Bearer S3CRET-TOKEN",
        "Bearer ", "Basic czNjcmV0LXRva2Vu", "s3cret-token", "Bearers3cret-token", "Bearer s3cret token"})
    void withToken_aWrongOrMalformedAuthorization_answers401(String authorization) throws Exception {
        start(Optional.of(TOKEN));

        HttpResponse<String> api = get("/api/health", "Authorization", authorization);
        HttpResponse<String> metrics = get("/metrics", "Authorization", authorization);

        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(metrics.statusCode()).isEqualTo(401);
        assertThat(json(api).get("error").getAsString()).isIn("missing bearer token", "wrong bearer token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer s3cret-token", "bearer s3cret-token", "BEARER s3cret-token", "Bearer  s3cret-token "})
    void withToken_theRightTokenInAnyCaseOfTheScheme_isAccepted(String authorization) throws Exception {
        start(Optional.of(TOKEN));

        assertThat(get("/api/health", "Authorization", authorization).statusCode()).isEqualTo(200);
        assertThat(get("/api/alpha", "Authorization", authorization).statusCode()).isEqualTo(200);
        assertThat(get("/metrics", "Authorization", authorization).statusCode()).isEqualTo(200);
    }

    @Test
    void withToken_theConsoleItselfLoadsWithoutIt_butAnUnknownApiPathTellsNothing() throws Exception {
        start(Optional.of(TOKEN));

        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/console/console.js").statusCode()).isEqualTo(200);
        assertThat(get("/console/console.css").statusCode()).isEqualTo(200);
        assertThat(get("/api/secret-route").statusCode()).isEqualTo(401);
        assertThat(get("/api/secret-route", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void withAnEmptyToken_noAuthorizationIsNeeded() throws Exception {
        start(Optional.of(""));

        assertThat(get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void service_addedAfterStart_isListedAndServed() throws Exception {
        start(Optional.empty());
        AtomicReference<String> seen = new AtomicReference<>();

        server.service("gamma", query -> {
            seen.set(query.get("key"));
            return Map.of("ok", true);
        });

        assertThat(get("/api/health").body()).contains("\"gamma\"");
        assertThat(get("/api/gamma?key=k").body()).isEqualTo("{\"ok\":true}");
        assertThat(seen.get()).isEqualTo("k");
    }

    @Test
    void route_outsideApi_isRefused() {
        server = new AdminServer("127.0.0.1", 0, Optional.empty(), registry);

        assertThatThrownBy(() -> server.route("/metrics", query -> null)).isInstanceOf(IllegalArgumentException.class);
    }
}
