package dev.switchboard.adapter.in.tcp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.out.tcp.metrics.ClientError;
import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsRequestKind;
import dev.switchboard.application.service.metrics.MetricsService;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The metrics protocol over real sockets on 127.0.0.1, against the real MINA server. */
class MetricsServerSocketTest {

    /** A store fake: a sorted map, no durability. */
    static final class MapStore implements MetricStore {
        private final TreeMap<MetricKey, TreeMap<Long, Double>> data = new TreeMap<>();

        @Override
        public synchronized CompletionStage<Void> save(MetricBatch batch) {
            for (int i = 0; i < batch.size(); i++) {
                data.computeIfAbsent(batch.key(i), k -> new TreeMap<>()).put(batch.timestamp(i), batch.value(i));
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized List<MetricSeries> read(MetricQuery query) {
            List<MetricSeries> out = new ArrayList<>();
            for (MetricKey key : data.keySet()) {
                if (query.matches(key)) {
                    out.add(range(key, Long.MIN_VALUE, Long.MAX_VALUE));
                }
            }
            return out;
        }

        @Override
        public synchronized MetricSeries range(MetricKey key, long from, long until) {
            TreeMap<Long, Double> points = data.getOrDefault(key, new TreeMap<>());
            var slice = points.subMap(from, true, until, true);
            return new MetricSeries(key, slice.keySet().stream().mapToLong(Long::longValue).toArray(),
                    slice.values().stream().mapToDouble(Double::doubleValue).toArray());
        }

        @Override
        public synchronized List<MetricKey> keys() {
            return new ArrayList<>(data.keySet());
        }

        @Override
        public synchronized long count() {
            return data.values().stream().mapToLong(Map::size).sum();
        }

        @Override
        public long rollUp(dev.switchboard.domain.metrics.retention.Retention retention, long now) {
            throw new UnsupportedOperationException("these tests set no retention");
        }
    }

    private ExecutorService workers;
    private MinaTcpServer server;
    private InetSocketAddress address;
    private MicrometerTelemetry telemetry;

    @BeforeEach
    void start() throws IOException {
        workers = Executors.newFixedThreadPool(2);
        MetricsService service = new MetricsService(new MapStore());
        telemetry = MicrometerTelemetry.detached("metrics", MetricsRequestKind.class, MetricsErrorKind.class, ConnectionErrorKind.class);
        server = MetricsTcpServer.create(TcpServerConfig.of("127.0.0.1", 0), service, service, workers, telemetry);
        address = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        workers.shutdownNow();
    }

    /** One whole answer: everything up to and with the empty line that ends it. */
    static String answer(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + out.toString(StandardCharsets.UTF_8));
            }
            out.write(b);
            if (b == '\n' && previous == '\n') {
                return out.toString(StandardCharsets.UTF_8);
            }
            previous = b;
        }
    }

    /** A raw connection: writes bytes, reads whole answers (each ends with an empty line). */
    final class Wire implements AutoCloseable {
        final Socket socket = new Socket();
        final InputStream in;

        Wire() throws IOException {
            socket.connect(address, 5000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        String answer() throws IOException {
            return MetricsServerSocketTest.answer(in);
        }

        String ask(String line) throws IOException {
            send(line);
            return answer();
        }

        boolean closedByServer() throws IOException {
            return in.read() == -1;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void theClassicCourseScenario() throws Exception {
        try (Wire one = new Wire(); Wire two = new Wire()) {
            assertThat(one.ask("malformed command test\n")).isEqualTo("error\nwrong command\n\n");
            assertThat(two.ask("malformed command test\n")).isEqualTo("error\nwrong command\n\n");

            assertThat(one.ask("put k1 0.25 1\n")).isEqualTo("ok\n\n");
            assertThat(one.ask("put k1 2.156 2\n")).isEqualTo("ok\n\n");
            assertThat(one.ask("put k1 0.35 3\n")).isEqualTo("ok\n\n");
            assertThat(two.ask("put k2 30.0 4\n")).isEqualTo("ok\n\n");
            assertThat(two.ask("put k2 40.0 5\n")).isEqualTo("ok\n\n");
            assertThat(two.ask("put k2 40.0 5\n")).isEqualTo("ok\n\n");

            String all = "ok\nk1 0.25 1\nk1 2.156 2\nk1 0.35 3\nk2 30.0 4\nk2 40.0 5\n\n";
            assertThat(one.ask("get *\n")).isEqualTo(all);
            assertThat(two.ask("get *\n")).isEqualTo(all);
            assertThat(two.ask("get k2\n")).isEqualTo("ok\nk2 30.0 4\nk2 40.0 5\n\n");
            assertThat(one.ask("get k3\n")).isEqualTo("ok\n\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "   \n", "got k\n", "put\n", "put k\n", "put k 1\n", "put k 1 2 3\n",
            "put k one 1\n", "put k 1 one\n", "put k 1 1.5\n", "get\n", "get a b\n", "GET k\n"})
    void everyWrongCommandAnswersTheErrorAndTheConnectionStaysUsable(String line) throws Exception {
        try (Wire wire = new Wire()) {
            assertThat(wire.ask(line)).isEqualTo("error\nwrong command\n\n");
            assertThat(wire.ask("put ok.key 1 1\n")).isEqualTo("ok\n\n");
            assertThat(wire.ask("get ok.key\n")).isEqualTo("ok\nok.key 1.0 1\n\n");
        }
    }

    @Test
    void invalidUtf8IsAWrongCommand() throws Exception {
        try (Wire wire = new Wire()) {
            wire.socket.getOutputStream().write(new byte[] {'p', 'u', 't', ' ', (byte) 0xFF, '\n'});
            assertThat(wire.answer()).isEqualTo("error\nwrong command\n\n");
            assertThat(wire.ask("get *\n")).isEqualTo("ok\n\n");
        }
    }

    @Test
    void valuesAreReadBackAsPythonFloats() throws Exception {
        try (Wire wire = new Wire()) {
            wire.ask("put k 10 1\n");
            wire.ask("put k 1e16 2\n");
            wire.ask("put k 0.00001 3\n");
            assertThat(wire.ask("get k\n")).isEqualTo("ok\nk 10.0 1\nk 1e+16 2\nk 1e-05 3\n\n");
        }
    }

    @Test
    void thousandPipelinedRequestsInOneWriteAreAnsweredInOrder() throws Exception {
        StringBuilder batch = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (i % 10 == 9) {
                batch.append("get p\n");
                StringBuilder rows = new StringBuilder("ok\n");
                for (int j = 0; j < i; j++) {
                    if (j % 10 != 9) {
                        rows.append("p ").append(j).append(".0 ").append(j).append('\n');
                    }
                }
                expected.add(rows.append('\n').toString());
            } else if (i % 10 == 4) {
                batch.append("bogus ").append(i).append('\n');
                expected.add("error\nwrong command\n\n");
                batch.append("put p ").append(i).append(' ').append(i).append('\n');
                expected.add("ok\n\n");
            } else {
                batch.append("put p ").append(i).append(' ').append(i).append('\n');
                expected.add("ok\n\n");
            }
        }
        try (Wire wire = new Wire()) {
            wire.send(batch.toString());
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                answers.add(wire.answer());
            }
            for (int i = 0; i < expected.size(); i++) {
                assertThat(answers.get(i)).as("answer %d", i).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void aLineOverSixtyFourKibibytesIsRefusedAndTheConnectionClosed() throws Exception {
        try (Wire wire = new Wire(); Wire other = new Wire()) {
            wire.send("put k " + "9".repeat(70_000));
            assertThat(wire.answer()).isEqualTo("error\nwrong command\n\n");
            assertThat(wire.closedByServer()).isTrue();
            assertThat(other.ask("get *\n")).isEqualTo("ok\n\n");
        }
    }

    @Test
    void aLineJustUnderTheLimitIsAnsweredNormally() throws Exception {
        String key = "k".repeat(64 * 1024 - "put  1 1".length());
        try (Wire wire = new Wire()) {
            assertThat(wire.ask("put " + key + " 1 1\n")).isEqualTo("ok\n\n");
            assertThat(wire.ask("get " + key + "\n")).isEqualTo("ok\n" + key + " 1.0 1\n\n");
        }
    }

    @Test
    void theClientLibraryPutsAndGets() throws Exception {
        try (MetricsClient client = new MetricsClient("127.0.0.1", address.getPort(), Duration.ofSeconds(5))) {
            client.put("k1", 0.25, 1);
            client.put("k1", 2.156, 2);
            client.put("k2", 30.0, 4);
            Map<String, List<MetricsClient.Point>> all = client.get("*");
            assertThat(all).containsOnlyKeys("k1", "k2");
            assertThat(all.get("k1")).containsExactly(new MetricsClient.Point(1, 0.25), new MetricsClient.Point(2, 2.156));
            assertThat(client.get("k3")).isEmpty();
        }
        assertThat(telemetry.requestCount(MetricsRequestKind.PUT)).isEqualTo(3);
        assertThat(telemetry.requestCount(MetricsRequestKind.GET)).isEqualTo(2);
    }

    @Test
    void theClientLibraryRaisesClientErrorOnAnErrorAnswerOrAClosedServer() throws Exception {
        try (MetricsClient client = new MetricsClient("127.0.0.1", address.getPort(), Duration.ofSeconds(5))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.get("a b"))
                    .isInstanceOf(IllegalArgumentException.class);
            server.close();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.get("*")).isInstanceOf(ClientError.class);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new MetricsClient("127.0.0.1", address.getPort(), Duration.ofSeconds(2)))
                .isInstanceOf(ClientError.class);
    }

    @Test
    void theClientTimesOutOnASilentServer() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             MetricsClient client = new MetricsClient("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(300))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.get("*"))
                    .isInstanceOf(ClientError.class)
                    .hasMessageContaining("timed out");
        }
    }
}
