package dev.switchboard.adapter.in.tcp.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.in.tcp.common.pipeline.LinePipeline;
import dev.switchboard.adapter.in.tcp.common.pipeline.Replies;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.adapter.tcp.metrics.protocol.MetricsRequest;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsRequestKind;
import dev.switchboard.application.service.metrics.MetricsService;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines {@code get}s and does not read: one read of such lines asks for far
 * more answer bytes than the bound (4 MiB) the pipeline holds per connection. The server must
 * stop taking lines at the bound, keep the rest of the read, push back on the socket, and answer
 * every get exactly and in order once the client reads.
 */
class MetricsNeverReadingClientTest {

    private static final int POINTS = 100;
    /** Bytes of {@code get k} lines sent: about 21 800 gets, some 35 MB of answers. */
    private static final int GET_BYTES = 128 * 1024;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final MicrometerTelemetry telemetry = MicrometerTelemetry.detached("metrics", MetricsRequestKind.class,
            MetricsErrorKind.class, ConnectionErrorKind.class);
    private LinePipeline<MetricsPipeline.Connection> pipeline;
    private MinaTcpServer server;
    private InetSocketAddress address;

    @AfterEach
    void stop() {
        sampler.shutdownNow();
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
    }

    private void start() throws IOException {
        MetricsService service = new MetricsService(new MetricsServerSocketTest.MapStore());
        pipeline = new LinePipeline<>(new MetricsPipeline(service, service, workers, telemetry),
                MetricsRequest.MAX_LINE_BYTES);
        server = new MinaTcpServer("metrics", TcpServerConfig.of("127.0.0.1", 0), null, pipeline, telemetry);
        address = server.start();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(64 * 1024);
        socket.connect(address, 5000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static String answer(InputStream in) throws IOException {
        return MetricsServerSocketTest.answer(in);
    }

    private long heldNow() {
        long most = 0;
        for (IoSession session : server.sessions()) {
            most = Math.max(most, pipeline.replies(session).heldBytes());
        }
        return most;
    }

    private boolean readsSuspended() {
        for (IoSession session : server.sessions()) {
            if (session.isReadSuspended()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pipelinedGetsFromAClientNotReadingStayWithinTheBoundAndAreAllAnsweredOnceItReads() throws Exception {
        start();
        StringBuilder expected = new StringBuilder("ok\n");
        try (Socket writer = connect()) {
            StringBuilder puts = new StringBuilder();
            for (int i = 0; i < POINTS; i++) {
                puts.append("put k ").append(i).append(".5 ").append(1_000_000 + i).append('\n');
                expected.append("k ").append(i).append(".5 ").append(1_000_000 + i).append('\n');
            }
            writer.getOutputStream().write(puts.toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(writer.getInputStream());
            for (int i = 0; i < POINTS; i++) {
                assertThat(answer(in)).isEqualTo("ok\n\n");
            }
        }
        expected.append('\n');
        byte[] line = "get k\n".getBytes(StandardCharsets.US_ASCII);
        int gets = GET_BYTES / line.length;
        byte[] requests = new byte[gets * line.length];
        for (int i = 0; i < gets; i++) {
            System.arraycopy(line, 0, requests, i * line.length, line.length);
        }
        long unbounded = (long) gets * expected.length();
        assertThat(unbounded).as("the gets ask for far more than the bound").isGreaterThan(8L * 1024 * 1024);

        AtomicLong most = new AtomicLong();
        sampler.scheduleAtFixedRate(() -> most.accumulateAndGet(heldNow(), Math::max), 0, 1, TimeUnit.MILLISECONDS);
        try (Socket client = connect()) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    client.getOutputStream().write(requests);
                    client.getOutputStream().flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // the server stops taking lines while the client does not read: its reads suspended
            // with gets left untaken (how much it holds by then depends on how much the kernel's
            // socket buffers took: answers written there are no longer held, so the bound below
            // is the check, not a level it must reach)
            await().atMost(Duration.ofSeconds(30)).until(() -> readsSuspended()
                    && telemetry.requestCount(MetricsRequestKind.GET) < gets);
            long bound = 4L * 1024 * 1024 + 2L * Replies.UNKNOWN_SIZE;
            assertThat(most.get()).as("bytes held for the client that does not read").isLessThanOrEqualTo(bound);

            InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
            String series = expected.toString();
            for (int i = 0; i < gets; i++) {
                String got = answer(in);
                if (!got.equals(series)) {
                    assertThat(got).as("answer to get " + i).isEqualTo(series);
                }
            }
            sent.get(30, TimeUnit.SECONDS);
            assertThat(most.get()).as("bytes held at most, over the whole exchange").isLessThanOrEqualTo(bound);
            // the connection still answers after the flood
            client.getOutputStream().write("put k 7 7\nget nothing\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(answer(in)).isEqualTo("ok\n\n");
            assertThat(answer(in)).isEqualTo("ok\n\n");
        }
        assertThat(telemetry.requestCount(MetricsRequestKind.GET)).isEqualTo(gets + 1);
    }
}
