package dev.switchboard.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import dev.switchboard.bootstrap.Launcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics service through the real launcher, as a user runs it. */
class MetricsEndToEndIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration RUN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void serveAnswersTheClientRoleAndTheAdminApiAndStopsCleanlyOnSigterm() throws Exception {
        int metricsPort = Launcher.freePort();
        int adminPort = Launcher.freePort();
        try (Launcher serve = Launcher.start(dir, "serve", "--metrics-port", String.valueOf(metricsPort), "--graphite-port", "0",
                "--admin-port", String.valueOf(adminPort))) {
            assertThat(serve.awaitListening("metrics", START)).isEqualTo(metricsPort);
            serve.awaitLine("admin console at http://127.0.0.1:" + adminPort + "/", START);

            String port = String.valueOf(metricsPort);
            Launcher.Result put = Launcher.run(dir, RUN, "metrics-client", "--port", port, "put", "palm.cpu", "23.7", "1150864247");
            assertThat(put.exitCode()).as(put.stderr()).isZero();
            assertThat(put.stdout()).isEqualTo("ok");
            assertThat(Launcher.run(dir, RUN, "metrics-client", "--port", port, "put", "palm.cpu", "10", "1150864248").exitCode()).isZero();

            Launcher.Result get = Launcher.run(dir, RUN, "metrics-client", "--port", port, "get", "*");
            assertThat(get.exitCode()).isZero();
            assertThat(get.out()).containsExactly("palm.cpu 23.7 1150864247", "palm.cpu 10.0 1150864248");

            HttpResponse<String> api = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/api/metrics?key=palm.cpu")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.body()).contains("{\"timestamp\":1150864247,\"value\":23.7}");

            long stopping = System.nanoTime();
            assertThat(serve.terminate(Duration.ofSeconds(10))).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
            assertThat(String.join("\n", serve.stderrLines())).contains("stopped").doesNotContain("\tat ");
        }
    }

    @Test
    void withH2EveryAcknowledgedPutSurvivesKillDashNine() throws Exception {
        String db = dir.resolve("db/metrics").toString();
        int acknowledged = 3_000;
        try (Launcher server = Launcher.start(dir, "metrics-server", "--port", "0", "--storage", "h2", "--db", db)) {
            int port = server.awaitListening("metrics", START);
            try (MetricsClient client = new MetricsClient("127.0.0.1", port, Duration.ofSeconds(10))) {
                for (int i = 0; i < acknowledged; i++) {
                    client.put("durable.k" + (i % 3), i, i);
                }
            }
            server.kill();
        }
        try (Launcher server = Launcher.start(dir, "metrics-server", "--port", "0", "--storage", "h2", "--db", db)) {
            int port = server.awaitListening("metrics", START);
            try (MetricsClient client = new MetricsClient("127.0.0.1", port, Duration.ofSeconds(10))) {
                Map<String, List<MetricsClient.Point>> all = client.get("*");
                List<Long> timestamps = new ArrayList<>();
                all.values().forEach(points -> points.forEach(p -> timestamps.add(p.timestamp())));
                assertThat(timestamps).hasSize(acknowledged);
                assertThat(all.get("durable.k1").get(0)).isEqualTo(new MetricsClient.Point(1, 1.0));
            }
            assertThat(server.terminate(Duration.ofSeconds(10))).isZero();
        }
    }

    @Test
    void aSignalDeliveredTwiceIsOneOrderlyStop() throws Exception {
        try (Launcher server = Launcher.start(dir, "metrics-server", "--port", "0")) {
            server.awaitListening("metrics", START);
            assertThat(server.terminateTwice(Duration.ofSeconds(10))).isZero();
            assertThat(String.join("\n", server.stderrLines())).contains("stopping (TERM)", "stopped")
                    .doesNotContain("exiting now");
        }
    }

    @Test
    void badUsageExitsTwoNamingTheOptionAndNoStackTrace() throws Exception {
        Launcher.Result bad = Launcher.run(dir, RUN, "metrics-server", "--port", "nope");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("--port").contains("usage: switchboard metrics-server").doesNotContain("\tat ");

        Launcher.Result unknown = Launcher.run(dir, RUN, "no-such-role");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown role 'no-such-role'");

        Launcher.Result none = Launcher.run(dir, RUN);
        assertThat(none.exitCode()).isEqualTo(2);

        Launcher.Result help = Launcher.run(dir, RUN, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("serve").contains("metrics-server").contains("metrics-client");
    }

    @Test
    void aPortInUseIsARuntimeFailureWithExitOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Launcher.Result result = Launcher.run(dir, RUN, "metrics-server", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).doesNotContain("\tat ");
        }
    }

    @Test
    void theClientRoleReportsAServerErrorWithExitOne() throws Exception {
        Launcher.Result result = Launcher.run(dir, RUN, "metrics-client", "--port", String.valueOf(Launcher.freePort()),
                "--timeout", "2", "get", "*");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("cannot connect");
    }
}
