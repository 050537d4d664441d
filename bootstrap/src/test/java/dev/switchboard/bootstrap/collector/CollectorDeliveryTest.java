package dev.switchboard.bootstrap.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.adapter.in.web.collector.SinkConfig;
import dev.switchboard.adapter.in.web.collector.SinkServer;
import dev.switchboard.adapter.out.http.collector.HttpBatchUploader;
import dev.switchboard.adapter.out.persistence.inmemory.collector.InMemoryReceiptStore;
import dev.switchboard.adapter.out.spool.collector.FileSpool;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.in.collector.DistributionReport;
import dev.switchboard.application.port.out.telemetry.SinkErrorKind;
import dev.switchboard.application.port.out.telemetry.SinkRequestKind;
import dev.switchboard.application.service.collector.DistributorService;
import dev.switchboard.application.service.collector.SinkService;
import dev.switchboard.domain.collector.Receipt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributor over a real spool directory, the JDK HTTP client and a real sink (Jetty on
 * 127.0.0.1, port 0) — or a tiny HTTP server that answers 500 or never.
 */
class CollectorDeliveryTest {

    @TempDir
    Path spoolDir;

    private final SinkService sink = new SinkService(new InMemoryReceiptStore(), Clock.systemUTC());
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private FileSpool spool;

    @BeforeEach
    void setUp() {
        spool = FileSpool.open(spoolDir);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private SinkServer startSink(int port) throws IOException {
        SinkServer server = new SinkServer(SinkConfig.of("127.0.0.1", port), sink,
                new PrintStream(printed, true, StandardCharsets.UTF_8), MicrometerTelemetry.detached("sink", SinkRequestKind.class, SinkErrorKind.class));
        server.start();
        closing.add(server);
        return server;
    }

    private DistributorService distributorTo(int port, Duration timeout) {
        HttpBatchUploader uploader = new HttpBatchUploader(HttpBatchUploader.sinkUri("127.0.0.1", port),
                Duration.ofSeconds(2), timeout);
        closing.add(uploader);
        return new DistributorService(spool, uploader, Clock.systemUTC());
    }

    /** Ready files: {@code <n>.dat} with a few records, no lock. */
    private List<String> spoolFiles(int first, int count) throws IOException {
        List<String> contents = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                text.append(i % 10).append(' ').append(1_595_588_160_000_000_000L + n * 1_000_000L + i).append('\n');
            }
            Files.writeString(spoolDir.resolve(n + ".dat"), text);
            contents.add(text.toString());
        }
        return contents;
    }

    private List<String> receiptIds() {
        return sink.snapshot().receipts().stream().map(Receipt::batchId).map(Object::toString).toList();
    }

    private List<Path> spoolEntries() throws IOException {
        try (var files = Files.list(spoolDir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void givenReadyFiles_whenDistributed_thenEachArrivesWholeOnceAndIsDeleted() throws IOException {
        List<String> contents = spoolFiles(100, 5);
        Files.createFile(spoolDir.resolve("105.dat.lock"));
        Files.writeString(spoolDir.resolve("105.dat"), "1 1\n");
        Files.writeString(spoolDir.resolve("README"), "not a spool file\n");
        SinkServer server = startSink(0);

        DistributionReport report = distributorTo(server.localAddress().getPort(), Duration.ofSeconds(5)).distributeOnce();

        assertThat(report.shipped()).hasSize(5);
        assertThat(receiptIds()).containsExactly("100.dat", "101.dat", "102.dat", "103.dat", "104.dat");
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("", contents));
        assertThat(spoolEntries()).extracting(p -> p.getFileName().toString())
                .containsExactly("105.dat", "105.dat.lock", "README");
    }

    @Test
    void givenTheSinkIsDown_whenDistributed_thenFilesStay_andWhenItIsBackTheyAllArriveExactlyOnce() throws IOException {
        spoolFiles(200, 3);
        SinkServer server = startSink(0);
        int port = server.localAddress().getPort();
        DistributorService distributor = distributorTo(port, Duration.ofSeconds(5));
        server.close();

        DistributionReport down = distributor.distributeOnce();
        DistributionReport stillDown = distributor.distributeOnce();

        assertThat(down.failure()).hasValueSatisfying(f -> assertThat(f).contains("cannot connect"));
        assertThat(down.left()).isEqualTo(3);
        assertThat(stillDown.left()).isEqualTo(3);
        assertThat(spoolEntries()).hasSize(3);
        assertThat(receiptIds()).isEmpty();

        startSink(port);
        spoolFiles(203, 2);
        DistributionReport back = distributor.distributeOnce();

        assertThat(back.shipped()).hasSize(5);
        assertThat(back.failure()).isEmpty();
        assertThat(spoolEntries()).isEmpty();
        assertThat(receiptIds()).containsExactly("200.dat", "201.dat", "202.dat", "203.dat", "204.dat");
        assertThat(sink.snapshot().duplicates()).isZero();
    }

    @Test
    void givenASinkAnswering500_whenDistributed_thenTheFileIsKept() throws IOException {
        spoolFiles(300, 2);
        AtomicInteger hits = new AtomicInteger();
        int port = tinyServer(exchange -> {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });

        DistributionReport report = distributorTo(port, Duration.ofSeconds(5)).distributeOnce();

        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("HTTP 500"));
        assertThat(report.left()).isEqualTo(2);
        assertThat(hits).hasValue(1);
        assertThat(spoolEntries()).hasSize(2);
    }

    @Test
    void givenASinkThatHangs_whenDistributed_thenTheUploadTimesOutAndTheFileIsKept() throws IOException {
        spoolFiles(400, 1);
        CountDownLatch release = new CountDownLatch(1);
        closing.add(release::countDown);
        int port = tinyServer(exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });

        DistributionReport report = distributorTo(port, Duration.ofMillis(500)).distributeOnce();

        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("no answer"));
        assertThat(spoolEntries()).extracting(p -> p.getFileName().toString()).containsExactly("400.dat");
    }

    private int tinyServer(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", handler);
        server.start();
        closing.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }
}
