package dev.switchboard.adapter.in.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.in.web.admin.metrics.MetricsApi;
import dev.switchboard.application.port.in.metrics.GetMetricsUseCase;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class AdminServerTest {

    @Mock
    GetMetricsUseCase metrics;

    private final HttpClient http = HttpClient.newHttpClient();
    private AdminServer server;
    private URI base;

    private void start(Optional<String> token) throws Exception {
        server = new AdminServer("127.0.0.1", 0, token, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.service("metrics", new MetricsApi(metrics));
        base = server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Test
    void bindsLoopbackOnAFreePort() throws Exception {
        start(Optional.empty());
        assertThat(base.getHost()).isEqualTo("127.0.0.1");
        assertThat(base.getPort()).isPositive();
    }

    @Test
    void healthListsTheServices() throws Exception {
        start(Optional.empty());
        HttpResponse<String> response = get("/api/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"services\":[\"metrics\"]}");
    }

    @Test
    void metricsViewGroupsPointsByKeyWithIntegerTimestamps() throws Exception {
        when(metrics.get(MetricQuery.all())).thenReturn(List.of(
                MetricPoint.of("palm.cpu", 23.7, 1150864247L), MetricPoint.of("palm.cpu", 10, 1150864248L)));
        when(metrics.count()).thenReturn(2L);
        start(Optional.empty());

        HttpResponse<String> response = get("/api/metrics?key=*");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(
                "\"metrics\":{\"palm.cpu\":[{\"timestamp\":1150864247,\"value\":23.7},{\"timestamp\":1150864248,\"value\":10.0}]}");
    }

    @Test
    void aBadKeyIsA400WithAJsonError() throws Exception {
        start(Optional.empty());
        HttpResponse<String> response = get("/api/metrics?key=a%20b");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").getAsString()).startsWith("bad key");
    }

    @Test
    void unknownPathsAreJson404s() throws Exception {
        start(Optional.empty());
        for (String path : List.of("/api/nope", "/nope", "/api", "/console/x.png")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).has("error")).as(path).isTrue();
        }
    }

    @Test
    void withATokenApiAndMetricsNeedTheBearerButTheConsoleDoesNot() throws Exception {
        start(Optional.of("s3cret"));

        assertThat(get("/api/health").statusCode()).isEqualTo(401);
        assertThat(json(get("/api/health")).get("error").getAsString()).isEqualTo("missing bearer token");
        assertThat(get("/api/health", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/health", "Authorization", "Bearer s3cre").statusCode()).isEqualTo(401);
        assertThat(get("/metrics").statusCode()).isEqualTo(401);
        assertThat(get("/api/health", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        assertThat(get("/metrics", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        assertThat(get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        start(Optional.empty());
        for (String path : List.of("/", "/api/health", "/nope", "/metrics")) {
            HttpResponse<String> response = get(path);
            assertThat(response.headers().firstValue("x-content-type-options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("x-frame-options")).as(path).contains("DENY");
        }
        assertThat(get("/api/health").headers().firstValue("cache-control")).contains("no-store");
    }

    @Test
    void prometheusTextIsServed() throws Exception {
        start(Optional.empty());
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void otherMethodsAre405() throws Exception {
        start(Optional.empty());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }
}
