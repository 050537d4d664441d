package dev.switchboard.adapter.in.tcp.graphite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.in.metrics.PutMetricUseCase;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsRequestKind;
import dev.switchboard.application.port.out.telemetry.StorageErrorKind;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricPoint;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The carbon listener on a real socket: what carbon agents send, split and broken as networks do. */
class CarbonServerSocketTest {

    private final List<MetricPoint> stored = new CopyOnWriteArrayList<>();
    private volatile boolean failStore;
    private final PutMetricUseCase puts = new PutMetricUseCase() {
        @Override
        public CompletionStage<Void> put(MetricPoint point) {
            return putAll(MetricBatch.of(point));
        }

        @Override
        public CompletionStage<Void> putAll(MetricBatch batch) {
            if (failStore) {
                return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
            }
            for (int i = 0; i < batch.size(); i++) {
                stored.add(batch.point(i));
            }
            return MetricStore.STORED;
        }
    };
    private final MicrometerTelemetry telemetry = MicrometerTelemetry.detached("metrics", MetricsRequestKind.class,
            MetricsErrorKind.class, ConnectionErrorKind.class);
    private MinaTcpServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        server = GraphiteTcpServer.create(TcpServerConfig.of("127.0.0.1", 0), puts, () -> 1_700_000_000L, telemetry);
        address = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void send(OutputStream out, String text) throws Exception {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void storesLinesSplitAcrossWritesAndDropsBadOnesWithoutAnswering() throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            send(out, "a.b 1 100\nbad line\na.");
            send(out, "c 2.5 10");
            send(out, "1\r\nk nan 5\nk 3 -1\n\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 3);
            assertThat(stored).containsExactly(MetricPoint.of("a.b", 1, 100), MetricPoint.of("a.c", 2.5, 101),
                    MetricPoint.of("k", 3, 1_700_000_000L));
            await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.errorCount(MetricsErrorKind.GRAPHITE_INVALID) == 3);
            // the connection is still good after the bad lines
            send(out, "k 4 200\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 4);
            assertThat(telemetry.requestCount(MetricsRequestKind.GRAPHITE)).isEqualTo(4);
            InputStream in = socket.getInputStream();
            assertThat(in.available()).isZero();
        }
    }

    @Test
    void aLineOverTheLimitIsDroppedAndTheNextOneStored() throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            OutputStream out = socket.getOutputStream();
            String huge = "x".repeat(40_000);
            send(out, "long." + huge);
            send(out, huge + " 1 1\n");
            send(out, "after 1 1\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 1);
            assertThat(stored).containsExactly(MetricPoint.of("after", 1, 1));
            assertThat(telemetry.errorCount(MetricsErrorKind.GRAPHITE_INVALID)).isEqualTo(1);
        }
    }

    @Test
    void aStoreFailureIsCountedAndTheConnectionKept() throws Exception {
        failStore = true;
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            OutputStream out = socket.getOutputStream();
            send(out, "k 1 1\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.errorCount(StorageErrorKind.STORAGE) == 1);
            failStore = false;
            send(out, "k 2 2\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 1);
        }
    }
}
