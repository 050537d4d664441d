package dev.switchboard.bootstrap.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonParser;
import dev.switchboard.adapter.out.persistence.jdbc.PostgresTestDatabase;
import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.admin.ServeFixture;
import dev.switchboard.bootstrap.admin.Traffic;
import dev.switchboard.bootstrap.lottery.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL, each with every service (the same assembly {@code serve} runs) and
 * its own connection pool: what one node acknowledged, the other sees. Skipped, with the reason,
 * without a test cluster ({@link PostgresTestDatabase}).
 */
class TwoNodesOnPostgresTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration PRINT_PERIOD = Duration.ofMillis(200);

    private PostgresTestDatabase pg;
    private ServeFixture a;
    private ServeFixture b;

    @BeforeEach
    void startTwoNodes() throws Exception {
        pg = PostgresTestDatabase.create();
        a = ServeFixture.node(ServerOptions.jdbc(pg.settings(), ServerOptions.ADMIN_ON_FREE_PORT), PRINT_PERIOD);
        b = ServeFixture.node(ServerOptions.jdbc(pg.settings(), ServerOptions.ADMIN_ON_FREE_PORT), PRINT_PERIOD);
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static MetricsClient metrics(ServeFixture node) throws Exception {
        return new MetricsClient("127.0.0.1", node.metricsPort(), Duration.ofSeconds(10));
    }

    @Test
    void putsOnNodeA_areReadOnNodeB_andTheOtherWayRound() throws Exception {
        try (MetricsClient onA = metrics(a); MetricsClient onB = metrics(b)) {
            for (int i = 0; i < 50; i++) {
                onA.put("palm.cpu", i * 0.5, 1_150_864_000L + i);
            }
            onB.put("palm.mem", 7.25, 1_150_864_247L);

            Map<String, List<MetricsClient.Point>> seenOnB = onB.get("palm.cpu");
            assertThat(seenOnB.get("palm.cpu")).hasSize(50)
                    .first().isEqualTo(new MetricsClient.Point(1_150_864_000L, 0.0));
            assertThat(onA.getAll()).containsOnlyKeys("palm.cpu", "palm.mem");
            assertThat(onA.getAll()).isEqualTo(onB.getAll());
        }
    }

    @Test
    void aTokenSentToBothNodes_hasOneTableThatBothNodesShowAndPrint() throws Exception {
        int c1 = Traffic.sendTokens(a, "c1", List.of("abc", "xyz"));
        int c2 = Traffic.sendTokens(b, "c2", List.of("abc"));

        String onA = a.get("/api/tokens").body();
        String onB = b.get("/api/tokens").body();
        assertThat(JsonParser.parseString(onA)).isEqualTo(JsonParser.parseString(onB));
        assertThat(onA).contains("\"c1\"", "\"c2\"", "\"abc\"", "\"xyz\"");

        String c1Row = "    client(c1) addr(127.0.0.1:" + c1 + ") expected(2) received(2)";
        String c2Row = "    client(c2) addr(127.0.0.1:" + c2 + ") expected(1) received(1)";
        for (ServeFixture node : List.of(a, b)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(node.printed())
                    .contains("abc\n" + c1Row + "\n" + c2Row + "\nxyz\n" + c1Row + "\n")
                    .contains("Total 2 handlers at "));
        }
    }

    @Test
    void agenciesSplitAcrossTwoNodes_drawOnce_andEachNodeAnswersItsHeldEnd() throws Exception {
        try (LogCapture log = new LogCapture("dev.switchboard.lottery")) {
            assertThat(Traffic.sendBatch(a, 1, List.of("Ana;Pérez;30904465;1999-03-17;7574",
                    "Bruno;Díaz;30904466;1990-01-01;12"))).startsWith("success");
            assertThat(Traffic.sendBatch(b, 2, List.of("Carla;Gómez;40000001;1980-05-05;7574"))).startsWith("success");

            CompletableFuture<String> endOnA = CompletableFuture.supplyAsync(() -> frame(a, "END;1"));
            // agency 1's END waits for agency 2, which is done on the other node
            assertThat(Traffic.lotteryFrame(b, "END;2")).isEqualTo("40000001");
            assertThat(endOnA.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("30904465");

            assertThat(log.count("action: sorteo | result: success")).isEqualTo(1);
            assertThat(pg.number("SELECT COUNT(*) FROM lottery_draw")).isEqualTo(1);
            for (ServeFixture node : List.of(a, b)) {
                String status = node.get("/api/lottery").body();
                assertThat(JsonParser.parseString(status).getAsJsonObject().get("totalBets").getAsLong()).isEqualTo(3);
                assertThat(Traffic.lotteryFrame(node, "WINNERS;2")).isEqualTo("40000001");
            }
        }
    }

    private static String frame(ServeFixture node, String request) {
        try {
            return Traffic.lotteryFrame(node, request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oneBatchPostedToBothSinks_isStoredOnce() throws Exception {
        assertThat(a.postToSink("26593136.dat", "cpu 1\n").statusCode()).isEqualTo(200);
        assertThat(b.postToSink("26593136.dat", "cpu 1\n").statusCode()).isEqualTo(200);
        assertThat(b.postToSink("26593137.dat", "cpu 2\n").statusCode()).isEqualTo(200);

        assertThat(pg.number("SELECT COUNT(*) FROM collector_receipt")).isEqualTo(2);
        for (ServeFixture node : List.of(a, b)) {
            var receipts = JsonParser.parseString(node.get("/api/sink").body()).getAsJsonObject().getAsJsonArray("receipts");
            assertThat(receipts).hasSize(2);
        }
    }

    @Test
    void theDatabaseStoppedAndStartedUnderTheNodes_failsRequestsMeanwhile_thenTheyRecover() throws Exception {
        try (MetricsClient onA = metrics(a)) {
            onA.put("before", 1, 1);
        }
        PostgresTestDatabase.stopServer();
        try {
            try (MetricsClient onA = metrics(a)) {
                assertThatThrownBy(() -> onA.put("during", 2, 2)).hasMessageContaining("storage failed");
            }
            assertThat(a.postToSink("while-down.dat", "x\n").statusCode()).isEqualTo(503);
            assertThat(Traffic.sendBatch(b, 1, List.of("Ana;Pérez;30904465;1999-03-17;7574"))).startsWith("error;");
        } finally {
            PostgresTestDatabase.startServer();
        }

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            try (MetricsClient onA = metrics(a)) {
                onA.put("after", 3, 3);
            }
        });
        try (MetricsClient onB = metrics(b)) {
            assertThat(onB.getAll()).containsOnlyKeys("before", "after");
        }
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(a.postToSink("while-down.dat", "x\n").statusCode()).isEqualTo(200));
    }
}
