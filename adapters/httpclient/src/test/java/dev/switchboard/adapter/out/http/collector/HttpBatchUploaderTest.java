package dev.switchboard.adapter.out.http.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.application.port.out.collector.UploadResult;
import dev.switchboard.domain.collector.BatchId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    void upload_whenTheSinkAnswers413_isRejectedForGood_notAFailureToRetry() throws IOException {
        int port = serve(413);

        UploadResult result = uploaderTo(port, Duration.ofSeconds(5)).upload(BatchId.of("1.dat"), new byte[] {'x'});

        assertThat(result.delivered()).isFalse();
        assertThat(result.rejected()).isTrue();
        assertThat(result.detail()).contains("HTTP 413");
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

    /**
     * A raw HTTP/1.1 server: answers each request on a connection with {@code answer}; after
     * {@code perConnection} answers it closes the connection without saying so.
     */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        final AtomicInteger connections = new AtomicInteger();
        final List<String> batchIds = new CopyOnWriteArrayList<>();
        final String answer;
        final int perConnection;

        RawServer(String answer, int perConnection) throws IOException {
            this.answer = answer;
            this.perConnection = perConnection;
            Thread t = new Thread(this::accept, "raw-http");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(socket), "raw-http-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                java.io.BufferedInputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                for (int served = 0; served < perConnection; served++) {
                    int length = -1;
                    String line;
                    while (!(line = readLine(in)).isEmpty()) {
                        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).strip());
                        }
                        if (line.startsWith("X-Batch-Id:")) {
                            batchIds.add(line.substring(11).strip());
                        }
                    }
                    in.readNBytes(length);
                    socket.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            } catch (IOException | RuntimeException e) {
                // the client went away
            }
        }

        private static String readLine(java.io.InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 27\r\n\r\nData successfully received\n";

    @Test
    void upload_inARow_reusesOneKeptAliveConnection() throws IOException {
        try (RawServer raw = new RawServer(OK, Integer.MAX_VALUE)) {
            HttpBatchUploader client = uploaderTo(raw.port(), Duration.ofSeconds(5));

            for (int i = 0; i < 10; i++) {
                assertThat(client.upload(BatchId.of(i + ".dat"), new byte[] {'x', '\n'}).delivered()).isTrue();
            }

            assertThat(raw.connections.get()).isEqualTo(1);
            assertThat(raw.batchIds).hasSize(10);
        }
    }

    @Test
    void upload_whenTheSinkDroppedTheIdleConnection_goesOnANewOne_andIsDelivered() throws IOException {
        try (RawServer raw = new RawServer(OK, 1)) {
            HttpBatchUploader client = uploaderTo(raw.port(), Duration.ofSeconds(5));

            assertThat(client.upload(BatchId.of("1.dat"), new byte[] {'x'}).delivered()).isTrue();
            assertThat(client.upload(BatchId.of("2.dat"), new byte[] {'y'}).delivered()).isTrue();

            assertThat(raw.connections.get()).isEqualTo(2);
            assertThat(raw.batchIds).containsExactly("1.dat", "2.dat");
        }
    }

    @Test
    void upload_readsAChunkedAnswer_andAConnectionCloseAnswer() throws IOException {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        try (RawServer raw = new RawServer(chunked, Integer.MAX_VALUE)) {
            HttpBatchUploader client = uploaderTo(raw.port(), Duration.ofSeconds(5));
            assertThat(client.upload(BatchId.of("1.dat"), new byte[] {'x'}).delivered()).isTrue();
            assertThat(client.upload(BatchId.of("2.dat"), new byte[] {'x'}).delivered()).isTrue();
            assertThat(raw.connections.get()).isEqualTo(1);
        }
        String untilClose = "HTTP/1.0 204 No Content\r\n\r\n";
        try (RawServer raw = new RawServer(untilClose, 1)) {
            HttpBatchUploader client = uploaderTo(raw.port(), Duration.ofSeconds(5));
            assertThat(client.upload(BatchId.of("1.dat"), new byte[] {'x'}).delivered()).isTrue();
            assertThat(client.upload(BatchId.of("2.dat"), new byte[] {'x'}).delivered()).isTrue();
            assertThat(raw.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void upload_whenTheSinkAnswersGarbage_isAFailure() throws IOException {
        try (RawServer raw = new RawServer("SSH-2.0-nope\r\n\r\n", 1)) {
            UploadResult result = uploaderTo(raw.port(), Duration.ofSeconds(5)).upload(BatchId.of("1.dat"), new byte[] {'x'});

            assertThat(result.delivered()).isFalse();
            assertThat(result.detail()).contains("not an HTTP answer");
        }
    }
}
