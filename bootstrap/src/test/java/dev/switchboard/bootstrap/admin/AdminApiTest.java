package dev.switchboard.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.metrics.MetricsServerRole;
import dev.switchboard.bootstrap.serve.ServeRole;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;

/** The admin API over real HTTP, after real traffic over a real socket to the real listeners. */
class AdminApiTest {

    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static void put(ServeFixture serve, String key, double value, long timestamp) throws Exception {
        try (MetricsClient client = new MetricsClient("127.0.0.1", serve.metricsPort(), Duration.ofSeconds(5))) {
            client.put(key, value, timestamp);
        }
    }

    @Test
    void metricsView_showsPointsPutOverTheWire_withIntegerTimestamps() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            put(serve, "palm.cpu", 23.7, 1150864247L);
            put(serve, "palm.cpu", 10, 1150864250L);
            put(serve, "disk.free", 1e16, 5L);

            HttpResponse<String> response = serve.get("/api/metrics?key=*");

            assertThat(response.statusCode()).isEqualTo(200);
            // SPEC 8: timestamps are JSON integers, not 1.150864247E9
            assertThat(response.body()).contains("{\"timestamp\":1150864247,\"value\":23.7}");
            JsonObject metrics = json(response).getAsJsonObject("metrics");
            assertThat(metrics.keySet()).containsExactly("disk.free", "palm.cpu");
            JsonArray cpu = metrics.getAsJsonArray("palm.cpu");
            assertThat(cpu).hasSize(2);
            assertThat(cpu.get(0).getAsJsonObject().get("timestamp").getAsLong()).isEqualTo(1150864247L);
            assertThat(cpu.get(0).getAsJsonObject().get("value").getAsDouble()).isEqualTo(23.7);
            assertThat(cpu.get(1).getAsJsonObject().get("value").getAsDouble()).isEqualTo(10.0);
            assertThat(metrics.getAsJsonArray("disk.free").get(0).getAsJsonObject().get("value").getAsDouble()).isEqualTo(1e16);
            assertThat(json(response).get("count").getAsLong()).isEqualTo(3);
        }
    }

    @Test
    void metricsView_withAKey_answersThatKeyOnly_andAnUnknownKeyAnswersNoPoints() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            put(serve, "palm.cpu", 23.7, 1150864247L);
            put(serve, "disk.free", 3, 5L);

            JsonObject one = json(serve.get("/api/metrics?key=palm.cpu")).getAsJsonObject("metrics");
            JsonObject none = json(serve.get("/api/metrics?key=nothing.here")).getAsJsonObject("metrics");
            JsonObject all = json(serve.get("/api/metrics")).getAsJsonObject("metrics");

            assertThat(one.keySet()).containsExactly("palm.cpu");
            assertThat(none.keySet()).isEmpty();
            assertThat(all.keySet()).containsExactly("disk.free", "palm.cpu");
        }
    }

    @Test
    void metricsView_withABadKey_answers400AsJson() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            for (String query : List.of("?key=", "?key=a%20b")) {
                HttpResponse<String> response = serve.get("/api/metrics" + query);

                assertThat(response.statusCode()).as(query).isEqualTo(400);
                assertThat(json(response).get("error").getAsString()).startsWith("bad key");
            }
        }
    }

    @Test
    void health_listsTheServicesThisProcessRuns_andAnAbsentServiceIs404() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            HttpResponse<String> health = serve.get("/api/health");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health).get("status").getAsString()).isEqualTo("UP");
            assertThat(json(health).getAsJsonArray("services")).extracting(e -> e.getAsString()).contains("metrics");
            List<String> running = json(health).getAsJsonArray("services").asList().stream().map(e -> e.getAsString()).toList();
            for (String service : List.of("tokens", "lottery", "collector", "sink")) {
                if (!running.contains(service)) {
                    HttpResponse<String> absent = serve.get("/api/" + service);
                    assertThat(absent.statusCode()).as(service).isEqualTo(404);
                    assertThat(json(absent).get("error").getAsString()).isEqualTo("not found: /api/" + service);
                }
            }
        }
    }

    @Test
    void everyListener_bindsLoopback() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            assertThat(serve.runtime().admin().localAddress().getHostString()).isEqualTo("127.0.0.1");
            assertThat(serve.admin().getHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void serverRoles_defaultTheAdminAddressToLoopback() throws Exception {
        CommandLine serve = DefaultParser.builder().get().parse(new ServeRole().options(), new String[0]);
        CommandLine metrics = DefaultParser.builder().get().parse(new MetricsServerRole().options(),
                new String[] {"--admin-port", "9999"});

        ServerOptions serveOptions = ServerOptions.from(serve, 8080);
        ServerOptions metricsOptions = ServerOptions.from(metrics, 0);

        assertThat(serveOptions.adminAddr()).isEqualTo("127.0.0.1");
        assertThat(serveOptions.adminPort()).isEqualTo(8080);
        assertThat(serveOptions.adminToken()).isEmpty();
        assertThat(metricsOptions.adminAddr()).isEqualTo("127.0.0.1");
        assertThat(metricsOptions.adminPort()).isEqualTo(9999);
    }

    @Test
    void withToken_theApiAndPrometheusNeedIt_theConsoleDoesNot() throws Exception {
        try (ServeFixture serve = ServeFixture.startWithToken("T0ken-of-the-day")) {
            put(serve, "palm.cpu", 23.7, 1150864247L);

            assertThat(serve.getAnonymously("/api/metrics").statusCode()).isEqualTo(401);
            assertThat(serve.getAnonymously("/api/health").statusCode()).isEqualTo(401);
            assertThat(serve.getAnonymously("/metrics").statusCode()).isEqualTo(401);
            assertThat(json(serve.getAnonymously("/metrics")).get("error").getAsString()).isEqualTo("missing bearer token");
            assertThat(serve.getAnonymously("/").statusCode()).isEqualTo(200);
            assertThat(serve.getAnonymously("/console/console.js").statusCode()).isEqualTo(200);
            assertThat(serve.get("/api/metrics").body()).contains("palm.cpu");
            assertThat(serve.get("/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void answersOfTheWiredServer_carryTheSecurityHeaders() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            for (String path : List.of("/", "/api/health", "/api/metrics", "/metrics", "/api/nope")) {
                HttpResponse<String> response = serve.get(path);

                assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
                assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
                assertThat(response.headers().firstValue("Cache-Control")).as(path).isPresent();
            }
        }
    }
}
