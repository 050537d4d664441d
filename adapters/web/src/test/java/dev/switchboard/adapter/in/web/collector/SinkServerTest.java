package dev.switchboard.adapter.in.web.collector;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.out.collector.ReceiptStore;
import dev.switchboard.application.port.out.telemetry.SinkErrorKind;
import dev.switchboard.application.port.out.telemetry.SinkRequestKind;
import dev.switchboard.application.service.collector.SinkService;
import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.Receipt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The sink on a real Jetty listener (127.0.0.1, port 0), driven by the JDK HTTP client. */
class SinkServerTest {

    /** A receipt store good enough for the adapter: one receipt per id, or failing on demand. */
    static final class MapReceiptStore implements ReceiptStore {
        final Map<BatchId, Receipt> receipts = new ConcurrentHashMap<>();
        volatile boolean failing;

        final AtomicLong duplicates = new AtomicLong();

        @Override
        public CompletionStage<Boolean> add(Receipt receipt) {
            return addIfAbsent(receipt).thenApply(stored -> {
                if (!stored) {
                    duplicates.incrementAndGet();
                }
                return stored;
            });
        }

        @Override
        public CompletionStage<Boolean> addIfAbsent(Receipt receipt) {
            if (failing) {
                return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
            }
            return CompletableFuture.completedFuture(receipts.putIfAbsent(receipt.batchId(), receipt) == null);
        }

        @Override
        public long duplicates() {
            return duplicates.get();
        }

        @Override
        public List<Receipt> findAll() {
            return List.copyOf(receipts.values());
        }

        @Override
        public long count() {
            return receipts.size();
        }
    }

    private static final int LIMIT = 1024;

    private final MapReceiptStore store = new MapReceiptStore();
    private final SinkService service = new SinkService(store, Clock.systemUTC());
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final MicrometerTelemetry telemetry = MicrometerTelemetry.detached("sink", SinkRequestKind.class, SinkErrorKind.class);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private SinkServer sink;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        sink = new SinkServer(SinkConfig.of("127.0.0.1", 0).withMaxBodyBytes(LIMIT), service,
                new PrintStream(printed, true, StandardCharsets.UTF_8), telemetry);
        base = URI.create("http://127.0.0.1:" + sink.start().getPort() + "/");
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    private HttpResponse<String> post(String path, String batchId, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain").POST(body);
        if (batchId != null) {
            request.header("X-Batch-Id", batchId);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String batchId, String body) throws Exception {
        return post("/", batchId, HttpRequest.BodyPublishers.ofString(body));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void post_isAnswered200_printedOnStdout_andReceipted() throws Exception {
        HttpResponse<String> response = post("26593136.dat", "3 1595588160000000000\n7 1595588161000000000\n");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Data successfully received\n");
        assertThat(printed()).isEqualTo("3 1595588160000000000\n7 1595588161000000000\n");
        assertThat(service.snapshot().receipts()).singleElement().satisfies(r -> {
            assertThat(r.batchId().value()).isEqualTo("26593136.dat");
            assertThat(r.bytes()).isEqualTo(44);
        });
        assertThat(telemetry.requestCount(SinkRequestKind.BATCH)).isEqualTo(1);
    }

    @Test
    void post_sameBatchIdTwice_isAcknowledgedTwice_butStoredAndPrintedOnce() throws Exception {
        HttpResponse<String> first = post("1.dat", "1 1\n");
        HttpResponse<String> again = post("1.dat", "1 1\n");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("Data successfully received\n");
        assertThat(again.headers().firstValue("X-Duplicate")).contains("true");
        assertThat(service.snapshot().receipts()).hasSize(1);
        assertThat(service.snapshot().duplicates()).isEqualTo(1);
        assertThat(printed()).isEqualTo("1 1\n");
    }

    @Test
    void post_bodyAtTheLimit_isTaken_andOneByteMoreIs413FromContentLength() throws Exception {
        assertThat(post("a.dat", "x".repeat(LIMIT)).statusCode()).isEqualTo(200);

        HttpResponse<String> over = post("b.dat", "x".repeat(LIMIT + 1));

        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.body()).contains("too large");
        assertThat(service.snapshot().receipts()).extracting(r -> r.batchId().value()).containsExactly("a.dat");
    }

    @Test
    void post_chunkedBodyOverTheLimit_is413WhileReading() throws Exception {
        byte[] big = new byte[LIMIT * 4];
        HttpResponse<String> response = post("/", "c.dat",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(service.snapshot().receipts()).isEmpty();
        assertThat(printed()).isEmpty();
    }

    @Test
    void post_chunkedBodyWithinTheLimit_isTaken() throws Exception {
        byte[] small = "5 5\n".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = post("/", "d.dat",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(printed()).isEqualTo("5 5\n");
    }

    @Test
    void post_withoutBatchId_isTaken_printed_andReceiptedUnderAnIdTheSinkMakes() throws Exception {
        HttpResponse<String> first = post(null, "1 1\n");
        HttpResponse<String> blank = post(" ", "2 2\n");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Batch-Id")).contains("anon-1");
        assertThat(blank.statusCode()).isEqualTo(200);
        assertThat(blank.headers().firstValue("X-Batch-Id")).contains("anon-2");
        assertThat(printed()).isEqualTo("1 1\n2 2\n");
        assertThat(service.snapshot().receipts()).extracting(r -> r.batchId().value())
                .containsExactlyInAnyOrder("anon-1", "anon-2");
        assertThat(service.snapshot().duplicates()).isZero();
    }

    @Test
    void post_withAnIdInTheSinksOwnAnonForm_is400_andNothingIsStored() throws Exception {
        HttpResponse<String> response = post("anon-7", "1 1\n");
        HttpResponse<String> upper = post("ANON-7", "1 1\n");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("X-Batch-Id").contains("without an id");
        assertThat(upper.statusCode()).isEqualTo(400);
        assertThat(service.snapshot().receipts()).isEmpty();
    }

    @Test
    void post_withABadBatchId_is400() throws Exception {
        HttpResponse<String> response = post("x".repeat(300), "1 1\n");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("bad X-Batch-Id");
        assertThat(service.snapshot().receipts()).isEmpty();
    }

    @Test
    void everyRefusal_isLoggedOnceAtWarn_withItsReasonAndTheClientsAddress() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SinkServer.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            post("anon-1", "1 1\n");
            post("big.dat", "x".repeat(LIMIT + 1));
            client.send(HttpRequest.newBuilder(base).GET().build(), HttpResponse.BodyHandlers.ofString());
            post("/upload", "1.dat", HttpRequest.BodyPublishers.ofString("x"));
            store.failing = true;
            post("ok.dat", "1 1\n");
        } finally {
            logger.detachAppender(logged);
        }

        List<ILoggingEvent> warnings;
        synchronized (logged.list) {
            warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        }
        assertThat(warnings).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                line -> assertThat(line).startsWith("sink: refused POST / from 127.0.0.1:").contains(": 400 bad X-Batch-Id"),
                line -> assertThat(line).startsWith("sink: refused POST / from 127.0.0.1:").contains(": 413 payload too large"),
                line -> assertThat(line).startsWith("sink: refused GET / from 127.0.0.1:").contains(": 405 method not allowed"),
                line -> assertThat(line).startsWith("sink: refused POST /upload from 127.0.0.1:").contains(": 404 not found"),
                line -> assertThat(line).startsWith("sink: refused POST / from 127.0.0.1:")
                        .contains(": 503 storage failed").contains("disk full"));
    }

    @Test
    void otherMethods_are405_andOtherPaths_are404() throws Exception {
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(base).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(base).header("X-Batch-Id", "1.dat")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> elsewhere = post("/upload", "1.dat", HttpRequest.BodyPublishers.ofString("x"));

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(service.snapshot().receipts()).isEmpty();
    }

    @Test
    void post_whenTheStoreFails_is503_andNotPrinted() throws Exception {
        store.failing = true;

        HttpResponse<String> response = post("1.dat", "1 1\n");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(printed()).isEmpty();
        store.failing = false;
        assertThat(post("1.dat", "1 1\n").statusCode()).isEqualTo(200);
        assertThat(service.snapshot().duplicates()).isZero();
    }
}
