package dev.switchboard.adapter.in.tcp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsRequestKind;
import dev.switchboard.application.port.out.telemetry.StorageErrorKind;
import dev.switchboard.application.service.metrics.MetricsService;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The line pipeline under the metrics protocol, over real sockets: lines cut anywhere across
 * reads, a store that answers later (as H2 does after its commit), a failing store, telemetry.
 */
class MetricsPipelineSocketTest {

    /** A store whose saves are applied and answered only when the test releases them, in order. */
    static final class HeldStore implements MetricStore {
        final MetricsServerSocketTest.MapStore data = new MetricsServerSocketTest.MapStore();
        final BlockingQueue<Held> held = new LinkedBlockingQueue<>();
        volatile boolean failing;

        record Held(MetricBatch batch, CompletableFuture<Void> done) {
        }

        @Override
        public CompletionStage<Void> save(MetricBatch batch) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            if (failing) {
                done.completeExceptionally(new IllegalStateException("disk full"));
            } else {
                held.add(new Held(batch, done));
            }
            return done;
        }

        /** Stores and acknowledges the next held batch; returns how many points it had. */
        int releaseOne() throws InterruptedException {
            Held next = held.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a save reached the store").isNotNull();
            data.save(next.batch());
            next.done().complete(null);
            return next.batch().size();
        }

        @Override
        public List<MetricSeries> read(MetricQuery query) {
            return data.read(query);
        }

        @Override
        public MetricSeries range(MetricKey key, long from, long until) {
            return data.range(key, from, until);
        }

        @Override
        public List<MetricKey> keys() {
            return data.keys();
        }

        @Override
        public long count() {
            return data.count();
        }

        @Override
        public long rollUp(dev.switchboard.domain.metrics.retention.Retention retention, long now) {
            throw new UnsupportedOperationException("these tests set no retention");
        }
    }

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final MicrometerTelemetry telemetry = MicrometerTelemetry.detached("metrics", MetricsRequestKind.class,
            MetricsErrorKind.class, ConnectionErrorKind.class);
    private MinaTcpServer server;
    private InetSocketAddress address;

    private void start(MetricStore store) throws IOException {
        MetricsService service = new MetricsService(store);
        server = MetricsTcpServer.create(TcpServerConfig.of("127.0.0.1", 0), service, service, workers, telemetry);
        address = server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static String answer(InputStream in) throws IOException {
        return MetricsServerSocketTest.answer(in);
    }

    @Test
    void linesCutAtEveryByteAreJoinedAndCrlfEndsALine() throws Exception {
        start(new MetricsServerSocketTest.MapStore());
        byte[] requests = "put a.b 1.5 10\r\nput a.b 2 20\nget a.b\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            for (byte b : requests) {
                out.write(b);
                out.flush();
            }
            InputStream in = socket.getInputStream();
            assertThat(answer(in)).isEqualTo("ok\n\n");
            assertThat(answer(in)).isEqualTo("ok\n\n");
            assertThat(answer(in)).isEqualTo("ok\na.b 1.5 10\na.b 2.0 20\n\n");
        }
        assertThat(telemetry.requestCount(MetricsRequestKind.PUT)).isEqualTo(2);
        assertThat(telemetry.requestCount(MetricsRequestKind.GET)).isEqualTo(1);
    }

    @Test
    void aGetSeesExactlyTheEarlierPutsOfItsConnectionWhenTheStoreAnswersLater() throws Exception {
        HeldStore store = new HeldStore();
        start(store);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("put k 1 1\nput k 2 2\nget k\nput k 3 3\nbogus\nget k\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // the first two puts reach the store as one batch; nothing after the get may reach it yet
            assertThat(store.releaseOne()).isEqualTo(2);
            InputStream in = socket.getInputStream();
            assertThat(answer(in)).isEqualTo("ok\n\n");
            assertThat(answer(in)).isEqualTo("ok\n\n");
            assertThat(answer(in)).isEqualTo("ok\nk 1.0 1\nk 2.0 2\n\n");
            // the put after the get reaches the store only once the get has read
            assertThat(store.releaseOne()).isEqualTo(1);
            assertThat(answer(in)).isEqualTo("ok\n\n");
            assertThat(answer(in)).isEqualTo("error\nwrong command\n\n");
            assertThat(answer(in)).isEqualTo("ok\nk 1.0 1\nk 2.0 2\nk 3.0 3\n\n");
        }
        assertThat(store.held).isEmpty();
    }

    @Test
    void answersWaitingForTheStoreHoldBackLaterReadyAnswers() throws Exception {
        HeldStore store = new HeldStore();
        start(store);
        try (Socket socket = connect()) {
            socket.getOutputStream().write("put k 1 1\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write("nonsense\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            // the wrong command's answer is ready at once, but must not overtake the put's
            socket.setSoTimeout(300);
            assertThat(readsNothing(in)).isTrue();
            socket.setSoTimeout(10_000);
            store.releaseOne();
            assertThat(answer(in)).isEqualTo("ok\n\n");
            assertThat(answer(in)).isEqualTo("error\nwrong command\n\n");
        }
    }

    private static boolean readsNothing(InputStream in) throws IOException {
        try {
            in.read();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    @Test
    void aFailedSaveAnswersEveryPutOfItsBatchWithTheStorageErrorAndTheConnectionGoesOn() throws Exception {
        HeldStore store = new HeldStore();
        store.failing = true;
        start(store);
        try (Socket socket = connect()) {
            socket.getOutputStream().write("put k 1 1\nput k 2 2\nget k\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(answer(in)).isEqualTo("error\nstorage failed\n\n");
            assertThat(answer(in)).isEqualTo("error\nstorage failed\n\n");
            assertThat(answer(in)).isEqualTo("ok\n\n");
        }
        assertThat(telemetry.errorCount(StorageErrorKind.STORAGE)).isEqualTo(1);
    }

    @Test
    void aTooLongLineArrivingInPiecesIsAnsweredAfterTheLinesBeforeItThenTheConnectionCloses() throws Exception {
        start(new MetricsServerSocketTest.MapStore());
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("put k 1 1\nput k ".getBytes(StandardCharsets.US_ASCII));
            byte[] piece = new byte[8 * 1024];
            java.util.Arrays.fill(piece, (byte) '7');
            for (int i = 0; i < 9; i++) {
                out.write(piece);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(answer(in)).isEqualTo("ok\n\n");
            assertThat(answer(in)).isEqualTo("error\nwrong command\n\n");
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(telemetry.errorCount(MetricsErrorKind.LINE_TOO_LONG)).isEqualTo(1);
    }

    @Test
    void manyConnectionsPipeliningAtOnceEachGetTheirOwnAnswersInOrder() throws Exception {
        start(new MetricsServerSocketTest.MapStore());
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int c = 0; c < 8; c++) {
                sockets.add(connect());
            }
            for (int c = 0; c < sockets.size(); c++) {
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < 500; i++) {
                    batch.append("put c").append(c).append(' ').append(i).append(' ').append(i).append('\n');
                }
                batch.append("get c").append(c).append('\n');
                sockets.get(c).getOutputStream().write(batch.toString().getBytes(StandardCharsets.US_ASCII));
            }
            for (int c = 0; c < sockets.size(); c++) {
                InputStream in = sockets.get(c).getInputStream();
                for (int i = 0; i < 500; i++) {
                    assertThat(answer(in)).isEqualTo("ok\n\n");
                }
                String all = answer(in);
                assertThat(all.lines().count()).isEqualTo(502);
                assertThat(all).startsWith("ok\nc" + c + " 0.0 0\n").endsWith("c" + c + " 499.0 499\n\n");
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertThat(telemetry.requestCount(MetricsRequestKind.PUT)).isEqualTo(8 * 500);
    }
}
