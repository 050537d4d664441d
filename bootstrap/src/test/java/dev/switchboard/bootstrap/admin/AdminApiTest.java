package dev.switchboard.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.metrics.MetricsServerRole;
import dev.switchboard.bootstrap.serve.ServeRole;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API over real HTTP, after real traffic over real sockets to the real listeners: every
 * endpoint's JSON shape as SPEC 8 gives it and the console reads it.
 */
class AdminApiTest {

    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Test
    void metricsView_showsPointsPutOverTheWire_withIntegerTimestamps() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            Traffic.putMetric(serve, "palm.cpu", 23.7, 1150864247L);
            Traffic.putMetric(serve, "palm.cpu", 10, 1150864250L);
            Traffic.putMetric(serve, "disk.free", 1e16, 5L);

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
            Traffic.putMetric(serve, "palm.cpu", 23.7, 1150864247L);
            Traffic.putMetric(serve, "disk.free", 3, 5L);

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
    void health_listsTheServicesServeRuns_andTheCollectorItDoesNotIs404() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            HttpResponse<String> health = serve.get("/api/health");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health).get("status").getAsString()).isEqualTo("UP");
            assertThat(json(health).getAsJsonArray("services")).extracting(e -> e.getAsString())
                    .containsExactly("tokens", "metrics", "lottery", "sink");
            HttpResponse<String> absent = serve.get("/api/collector");
            assertThat(absent.statusCode()).isEqualTo(404);
            assertThat(json(absent).get("error").getAsString()).isEqualTo("not found: /api/collector");
        }
    }

    @Test
    void tokensView_showsEachHandlersTable_afterTokensSentOverTheWire() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            assertThat(serve.get("/api/tokens").body()).isEqualTo("{\"handlers\":[]}");
            int c1 = Traffic.sendTokens(serve, "c1", List.of("xyz", "abc", "abc"));
            int c2 = Traffic.sendTokens(serve, "c2", List.of("abc"));

            HttpResponse<String> response = serve.get("/api/tokens");

            assertThat(response.statusCode()).isEqualTo(200);
            json(response);
            // tokens in order, rows by (id, ip, port); received counts every token of the client
            assertThat(response.body()).isEqualTo("{\"handlers\":["
                    + "{\"token\":\"abc\",\"rows\":["
                    + "{\"id\":\"c1\",\"addr\":\"127.0.0.1:" + c1 + "\",\"expected\":3,\"received\":3},"
                    + "{\"id\":\"c2\",\"addr\":\"127.0.0.1:" + c2 + "\",\"expected\":1,\"received\":1}]},"
                    + "{\"token\":\"xyz\",\"rows\":["
                    + "{\"id\":\"c1\",\"addr\":\"127.0.0.1:" + c1 + "\",\"expected\":3,\"received\":3}]}]}");
            assertThat(json(serve.get("/api/tokens?token=xyz")).getAsJsonArray("handlers")).hasSize(1);
        }
    }

    @Test
    void lotteryView_countsEachAgencysBatches_andShowsTheWinnersAfterTheDraw() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            JsonObject before = json(serve.get("/api/lottery"));
            assertThat(before.get("totalBets").getAsLong()).isZero();
            assertThat(before.get("drawDone").getAsBoolean()).isFalse();
            assertThat(before.getAsJsonArray("agencies")).hasSize(ServeFixture.AGENCIES);

            assertThat(Traffic.sendBatch(serve, 1, List.of("Ana;Lopez;30904465;1990-05-01;7574",
                    "Juan;Perez;33791469;1985-12-31;1234"))).isEqualTo("success;Batch stored successfully.");
            assertThat(Traffic.sendBatch(serve, 1, List.of("Eva;Diaz;20111222;2000-01-01;42")))
                    .isEqualTo("success;Batch stored successfully.");
            assertThat(Traffic.sendBatch(serve, 2, List.of("Luis;Gomez;40111222;1970-07-07;7574")))
                    .isEqualTo("success;Batch stored successfully.");
            JsonObject stored = json(serve.get("/api/lottery"));

            assertThat(stored.get("totalBets").getAsLong()).isEqualTo(4);
            assertThat(stored.get("drawDone").getAsBoolean()).isFalse();
            JsonObject agency1 = stored.getAsJsonArray("agencies").get(0).getAsJsonObject();
            assertThat(agency1.get("agency").getAsInt()).isEqualTo(1);
            assertThat(agency1.get("bets").getAsLong()).isEqualTo(3);
            assertThat(agency1.get("batches").getAsLong()).isEqualTo(2);
            assertThat(agency1.get("done").getAsBoolean()).isFalse();
            assertThat(agency1.getAsJsonArray("winners")).isEmpty();

            // END is answered at the draw, which waits for the last agency
            CompletableFuture<String> end1 = CompletableFuture.supplyAsync(() -> frame(serve, "END;1"));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    json(serve.get("/api/lottery")).getAsJsonArray("agencies").get(0).getAsJsonObject().get("done").getAsBoolean());
            assertThat(Traffic.lotteryFrame(serve, "END;2")).isEqualTo("40111222");
            assertThat(end1.get(10, TimeUnit.SECONDS)).isEqualTo("30904465");
            JsonObject drawn = json(serve.get("/api/lottery"));

            assertThat(drawn.get("drawDone").getAsBoolean()).isTrue();
            assertThat(drawn.getAsJsonArray("agencies").get(0).getAsJsonObject().getAsJsonArray("winners"))
                    .extracting(e -> e.getAsInt()).containsExactly(30904465);
            assertThat(drawn.getAsJsonArray("agencies").get(1).getAsJsonObject().get("done").getAsBoolean()).isTrue();
        }
    }

    private static String frame(ServeFixture serve, String request) {
        try {
            return Traffic.lotteryFrame(serve, request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sinkView_keepsOneReceiptPerBatchId_andCountsTheDuplicates() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            Instant start = Instant.now().minusSeconds(1);
            assertThat(serve.postToSink("26593136.dat", "3 1595588160000000000\n").statusCode()).isEqualTo(200);
            assertThat(serve.postToSink("26593137.dat", "7 1595588220000000000\n1 1595588221000000000\n").statusCode())
                    .isEqualTo(200);
            HttpResponse<String> again = serve.postToSink("26593136.dat", "3 1595588160000000000\n");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.headers().firstValue("X-Duplicate")).hasValue("true");

            JsonObject sink = json(serve.get("/api/sink"));

            assertThat(sink.get("duplicates").getAsLong()).isEqualTo(1);
            JsonArray receipts = sink.getAsJsonArray("receipts");
            assertThat(receipts).extracting(r -> r.getAsJsonObject().get("batchId").getAsString())
                    .containsExactly("26593136.dat", "26593137.dat");
            assertThat(receipts).extracting(r -> r.getAsJsonObject().get("bytes").getAsLong()).containsExactly(22L, 44L);
            Instant receivedAt = Instant.parse(receipts.get(0).getAsJsonObject().get("receivedAt").getAsString());
            assertThat(receivedAt).isBetween(start, Instant.now().plusSeconds(1));
        }
    }

    @Test
    void collectorView_countsTheFilesShippedToTheSink_andAFailedRunShowsItsError(@TempDir Path dir) throws Exception {
        try (ServeFixture serve = ServeFixture.start();
             CollectorFixture shipping = CollectorFixture.start(dir.resolve("ok"), serve.sinkPort());
             CollectorFixture refused = CollectorFixture.start(dir.resolve("refused"), closedPort())) {
            await().atMost(Duration.ofSeconds(15)).until(() -> shipping.status().get("sent").getAsLong() >= 1);
            JsonObject ok = shipping.status();

            assertThat(ok.get("failures").getAsLong()).isZero();
            assertThat(ok.has("lastError")).isTrue();
            assertThat(ok.get("lastError").isJsonNull()).isTrue();
            assertThat(ok.get("pending").getAsLong()).isNotNegative();
            assertThat(ok.get("locked").getAsLong()).isBetween(0L, 1L);
            // what the collector says it sent, the sink says it received
            JsonArray receipts = json(serve.get("/api/sink")).getAsJsonArray("receipts");
            assertThat(receipts).isNotEmpty();
            assertThat(receipts.get(0).getAsJsonObject().get("batchId").getAsString()).matches("\\d+\\.dat");

            await().atMost(Duration.ofSeconds(15)).until(() -> refused.status().get("failures").getAsLong() >= 1);
            JsonObject failed = refused.status();
            assertThat(failed.get("sent").getAsLong()).isZero();
            assertThat(failed.get("pending").getAsLong()).isPositive();
            assertThat(failed.get("lastError").getAsString()).isNotBlank();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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
            Traffic.putMetric(serve, "palm.cpu", 23.7, 1150864247L);

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
