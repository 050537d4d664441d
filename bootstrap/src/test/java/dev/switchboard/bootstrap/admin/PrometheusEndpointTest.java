package dev.switchboard.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} as Prometheus scrapes it, while the services take real traffic. */
class PrometheusEndpointTest {

    private static PrometheusText scrape(ServeFixture serve) throws Exception {
        HttpResponse<String> response = serve.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusText.parse(response.body());
    }

    /** One connection speaking the metrics protocol line by line; answers end with an empty line. */
    private static final class Line implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final BufferedReader in;

        Line(int port) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        String ask(String request) throws Exception {
            out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder answer = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                answer.append(line).append('\n');
            }
            return answer.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void scrape_isValidPrometheusText_withEveryServiceMeterAndTheJvmMeters() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            PrometheusText text = scrape(serve);

            assertThat(text.family("switchboard_connections_open")).hasValueSatisfying(f -> assertThat(f.type()).isEqualTo("gauge"));
            assertThat(text.family("switchboard_requests_total")).hasValueSatisfying(f -> assertThat(f.type()).isEqualTo("counter"));
            assertThat(text.family("switchboard_errors_total")).hasValueSatisfying(f -> assertThat(f.type()).isEqualTo("counter"));
            assertThat(text.family("switchboard_request_latency_seconds")).hasValueSatisfying(f -> assertThat(f.type()).isEqualTo("histogram"));
            assertThat(text.family("switchboard_stored_items")).hasValueSatisfying(f -> assertThat(f.type()).isEqualTo("gauge"));
            for (String jvm : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                    "jvm_gc_memory_allocated_bytes_total", "process_uptime_seconds", "process_cpu_usage",
                    "process_files_open_files", "system_cpu_count")) {
                assertThat(text.family(jvm)).as(jvm).isPresent();
            }
            // declared kinds exist before the first request, so rate() sees the first one
            assertThat(text.value("switchboard_requests_total", "service", "metrics", "kind", "put")).isZero();
            assertThat(text.value("switchboard_requests_total", "service", "metrics", "kind", "get")).isZero();
            assertThat(text.value("switchboard_errors_total", "service", "metrics", "kind", "wrong_command")).isZero();
            assertThat(text.samples("switchboard_request_latency_seconds_bucket", "service", "metrics")).hasSizeGreaterThan(10);
            // and so for every service serve runs: its meters, and its kinds at zero
            Map<String, List<String>> kinds = Map.of("tokens", List.of("greeting", "token"),
                    "metrics", List.of("put", "get"), "lottery", List.of("batch", "end", "winners"),
                    "sink", List.of("batch", "duplicate"));
            kinds.forEach((service, requests) -> {
                assertThat(text.value("switchboard_connections_open", "service", service)).as(service).isZero();
                assertThat(text.value("switchboard_stored_items", "service", service)).as(service).isZero();
                assertThat(text.samples("switchboard_request_latency_seconds_bucket", "service", service))
                        .as(service).hasSizeGreaterThan(10);
                requests.forEach(kind -> assertThat(text.value("switchboard_requests_total", "service", service, "kind", kind))
                        .as(service + " " + kind).isZero());
                assertThat(text.samples("switchboard_errors_total", "service", service)).as(service).isNotEmpty()
                        .allSatisfy(sample -> assertThat(sample.value()).isZero());
            });
        }
    }

    private static double requests(PrometheusText text, String service, String kind) {
        return text.value("switchboard_requests_total", "service", service, "kind", kind);
    }

    private static double errors(PrometheusText text, String service, String kind) {
        return text.value("switchboard_errors_total", "service", service, "kind", kind);
    }

    private static double answered(PrometheusText text, String service) {
        return text.value("switchboard_request_latency_seconds_count", "service", service);
    }

    @Test
    void everyServicesCounters_growWithTheRequestsSentToIt() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            PrometheusText before = scrape(serve);

            Traffic.sendTokens(serve, "c1", List.of("abc", "xyz", "abc"));
            Traffic.putMetric(serve, "palm.cpu", 23.7, 1150864247L);
            assertThat(Traffic.sendBatch(serve, 1, List.of("Ana;Lopez;30904465;1990-05-01;7574",
                    "Juan;Perez;33791469;1985-12-31;1234"))).startsWith("success;");
            assertThat(Traffic.lotteryFrame(serve, "WINNERS;1")).isEqualTo("error;draw pending");
            assertThat(serve.postToSink("26593136.dat", "3 1595588160000000000\n").statusCode()).isEqualTo(200);
            assertThat(serve.postToSink("26593136.dat", "3 1595588160000000000\n").statusCode()).isEqualTo(200);
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.sinkPort() + "/"))
                            .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("no X-Batch-Id, as the C++ collector sends").isEqualTo(200);
            assertThat(serve.postToSink("anon-9", "x").statusCode()).as("the sink's own id form").isEqualTo(400);
            PrometheusText after = scrape(serve);

            assertThat(requests(after, "tokens", "greeting")).isEqualTo(requests(before, "tokens", "greeting") + 1);
            assertThat(requests(after, "tokens", "token")).isEqualTo(requests(before, "tokens", "token") + 3);
            assertThat(answered(after, "tokens")).isEqualTo(answered(before, "tokens") + 4);
            assertThat(after.value("switchboard_stored_items", "service", "tokens")).as("handlers").isEqualTo(2);

            assertThat(requests(after, "metrics", "put")).isEqualTo(requests(before, "metrics", "put") + 1);
            assertThat(answered(after, "metrics")).isEqualTo(answered(before, "metrics") + 1);

            assertThat(requests(after, "lottery", "batch")).isEqualTo(requests(before, "lottery", "batch") + 1);
            assertThat(errors(after, "lottery", "draw_pending")).isEqualTo(errors(before, "lottery", "draw_pending") + 1);
            assertThat(answered(after, "lottery")).isEqualTo(answered(before, "lottery") + 1);
            assertThat(after.value("switchboard_stored_items", "service", "lottery")).as("bets").isEqualTo(2);

            assertThat(requests(after, "sink", "batch")).isEqualTo(requests(before, "sink", "batch") + 2);
            assertThat(requests(after, "sink", "duplicate")).isEqualTo(requests(before, "sink", "duplicate") + 1);
            assertThat(errors(after, "sink", "bad_request")).isEqualTo(errors(before, "sink", "bad_request") + 1);
            assertThat(answered(after, "sink")).isEqualTo(answered(before, "sink") + 3);
            assertThat(after.value("switchboard_stored_items", "service", "sink")).as("receipts").isEqualTo(2);
        }
    }

    @Test
    void requestCountersLatencyAndStoredItems_growWithRequestsToTheService() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            PrometheusText before = scrape(serve);

            try (Line metrics = new Line(serve.metricsPort())) {
                for (int i = 0; i < 5; i++) {
                    assertThat(metrics.ask("put palm.cpu " + i + ".5 " + (1150864247L + i))).isEqualTo("ok\n");
                }
                assertThat(metrics.ask("get palm.cpu")).startsWith("ok\npalm.cpu 0.5 1150864247\n");
                assertThat(metrics.ask("get *")).startsWith("ok\n");
                assertThat(metrics.ask("frobnicate")).isEqualTo("error\nwrong command\n");
            }
            PrometheusText after = scrape(serve);

            assertThat(after.value("switchboard_requests_total", "service", "metrics", "kind", "put"))
                    .isEqualTo(before.value("switchboard_requests_total", "service", "metrics", "kind", "put") + 5);
            assertThat(after.value("switchboard_requests_total", "service", "metrics", "kind", "get"))
                    .isEqualTo(before.value("switchboard_requests_total", "service", "metrics", "kind", "get") + 2);
            assertThat(after.value("switchboard_errors_total", "service", "metrics", "kind", "wrong_command")).isEqualTo(1);
            assertThat(after.value("switchboard_request_latency_seconds_count", "service", "metrics")).isEqualTo(7);
            assertThat(after.value("switchboard_request_latency_seconds_bucket", "service", "metrics", "le", "+Inf")).isEqualTo(7);
            assertThat(after.value("switchboard_request_latency_seconds_sum", "service", "metrics")).isPositive();
            assertThat(after.value("switchboard_stored_items", "service", "metrics")).isEqualTo(5);
        }
    }

    @Test
    void connectionsOpen_followsTheClientsConnected() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            try (Line first = new Line(serve.metricsPort()); Line second = new Line(serve.metricsPort())) {
                first.ask("get *");
                second.ask("get *");

                assertThat(scrape(serve).value("switchboard_connections_open", "service", "metrics")).isEqualTo(2);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(scrape(serve).value("switchboard_connections_open", "service", "metrics")).isZero());
        }
    }

    @Test
    void parser_refusesWhatAScraperWouldRefuse() {
        assertThatThrownBy(() -> PrometheusText.parse("x 1\n")).hasMessageContaining("before its TYPE");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE x counter\nx{a=b} 1\n")).hasMessageContaining("unquoted");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\nx one\n")).hasMessageContaining("bad number");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\nx 1")).hasMessageContaining("line feed");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_count 2\n"))
                .hasMessageContaining("+Inf");
        assertThatThrownBy(() -> PrometheusText.parse(
                "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"))
                .hasMessageContaining("cumulative");
        assertThat(PrometheusText.parse("# HELP x the x\n# TYPE x gauge\nx{a=\"q\\\"uote\"} +Inf\n")
                .value("x", "a", "q\"uote")).isInfinite();
    }
}
