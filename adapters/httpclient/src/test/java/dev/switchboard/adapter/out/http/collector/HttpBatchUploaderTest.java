package dev.switchboard.adapter.out.http.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.application.port.out.collector.UploadResult;
import dev.switchboard.domain.collector.BatchId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The uploader against a tiny real HTTP server on 127.0.0.1. */
class HttpBatchUploaderTest {

    record Seen(String method, String path, String contentType, String batchId, byte[] body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private HttpBatchUploader uploader;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (uploader != null) {
            uploader.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server answering every request with {@code status}, or never when {@code status} is 0. */
    private int serve(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> answer(exchange, status));
        server.start();
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("X-Batch-Id"), body));
        if (status == 0) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] answer = (status == 200 ? "Data successfully received" : "boom").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private HttpBatchUploader uploaderTo(int port, Duration requestTimeout) {
        uploader = new HttpBatchUploader(HttpBatchUploader.sinkUri("127.0.0.1", port), Duration.ofSeconds(2),
                requestTimeout);
        return uploader;
    }

    @Test
    void upload_postsTheWholeBodyToSlashWithTextPlainAndTheBatchId() throws IOException {
        int port = serve(200);
        byte[] body = "1 100\n2 200\n".getBytes(StandardCharsets.US_ASCII);

        UploadResult result = uploaderTo(port, Duration.ofSeconds(5)).upload(BatchId.of("26593136.dat"), body);

        assertThat(result.delivered()).isTrue();
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.path()).isEqualTo("/");
            assertThat(s.contentType()).isEqualTo("text/plain");
            assertThat(s.batchId()).isEqualTo("26593136.dat");
            assertThat(s.body()).isEqualTo(body);
        });
    }

    @Test
    void upload_whenTheSinkAnswers500_isNotDelivered_andSaysSo() throws IOException {
        int port = serve(500);

        UploadResult result = uploaderTo(port, Duration.ofSeconds(5)).upload(BatchId.of("1.dat"), new byte[] {'x'});

        assertThat(result.delivered()).isFalse();
        assertThat(result.detail()).contains("HTTP 500").contains("boom");
    }

    @Test
    void upload_whenTheSinkNeverAnswers_timesOutAndIsNotDelivered() throws IOException {
        int port = serve(0);

        UploadResult result = uploaderTo(port, Duration.ofMillis(300)).upload(BatchId.of("1.dat"), new byte[] {'x'});

        assertThat(result.delivered()).isFalse();
        assertThat(result.detail()).contains("no answer");
    }

    @Test
    void upload_whenNothingListens_isRefusedAndNotDelivered() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }

        UploadResult result = uploaderTo(port, Duration.ofSeconds(2)).upload(BatchId.of("1.dat"), new byte[] {'x'});

        assertThat(result.delivered()).isFalse();
        assertThat(result.detail()).contains("cannot connect");
    }

    @Test
    void upload_manyInARow_allArrive() throws IOException {
        int port = serve(200);
        HttpBatchUploader client = uploaderTo(port, Duration.ofSeconds(5));

        for (int i = 0; i < 20; i++) {
            assertThat(client.upload(BatchId.of(i + ".dat"), ("v" + i).getBytes(StandardCharsets.US_ASCII)).delivered())
                    .isTrue();
        }

        assertThat(seen).extracting(Seen::batchId).hasSize(20).doesNotHaveDuplicates();
    }
}
