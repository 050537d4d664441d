package dev.switchboard.adapter.in.web.admin.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.in.web.admin.AdminServer;
import dev.switchboard.application.port.in.collector.CollectorStatus;
import dev.switchboard.application.port.in.collector.GetReceiptsUseCase;
import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.Receipt;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/collector} and {@code /api/sink} through a real admin server. */
class CollectorAdminViewsTest {

    private AdminServer admin;
    private URI base;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        admin = new AdminServer("127.0.0.1", 0, Optional.empty(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        admin.service("collector", new CollectorApi(() -> new CollectorStatus(0, 1, 12, 0, null, 2, 4096, 99, 5,
                Instant.parse("2026-11-22T10:15:00Z"), "/tmp/spool", "http://127.0.0.1:1080/")));
        admin.service("sink", new SinkApi(() -> new GetReceiptsUseCase.SinkSnapshot(List.of(
                new Receipt(BatchId.of("26593136.dat"), 4096, Instant.parse("2026-11-22T10:15:00Z")),
                new Receipt(BatchId.of("26593137.dat"), 10, Instant.parse("2026-11-22T10:16:00.123456789Z"))), 2)));
        base = admin.start();
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    private JsonObject get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Test
    void collectorView_hasTheContractMembers_withANullLastError() throws Exception {
        JsonObject json = get("/api/collector");

        assertThat(json.get("pending").getAsLong()).isZero();
        assertThat(json.get("locked").getAsLong()).isEqualTo(1);
        assertThat(json.get("sent").getAsLong()).isEqualTo(12);
        assertThat(json.get("failures").getAsLong()).isZero();
        assertThat(json.has("lastError")).isTrue();
        assertThat(json.get("lastError").isJsonNull()).isTrue();
        assertThat(json.get("rejected").getAsLong()).isEqualTo(2);
        assertThat(json.get("lastRunAt").getAsString()).isEqualTo("2026-11-22T10:15:00Z");
    }

    @Test
    void sinkView_listsEachReceiptAndTheDuplicates() throws Exception {
        JsonObject json = get("/api/sink");

        JsonObject receipt = json.getAsJsonArray("receipts").get(0).getAsJsonObject();
        assertThat(receipt.get("batchId").getAsString()).isEqualTo("26593136.dat");
        assertThat(receipt.get("bytes").getAsLong()).isEqualTo(4096);
        assertThat(receipt.get("receivedAt").getAsString()).isEqualTo("2026-11-22T10:15:00Z");
        assertThat(json.get("duplicates").getAsLong()).isEqualTo(2);
        // to the millisecond, as the H2 store keeps it, whichever store runs
        assertThat(json.getAsJsonArray("receipts").get(1).getAsJsonObject().get("receivedAt").getAsString())
                .isEqualTo("2026-11-22T10:16:00.123Z");
        assertThat(get("/api/health").getAsJsonArray("services").toString()).contains("collector", "sink");
    }
}
