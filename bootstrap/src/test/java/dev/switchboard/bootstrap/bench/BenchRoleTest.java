package dev.switchboard.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Main;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.metrics.MetricsAssembly;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchRoleTest {

    private record Run(int code, String out, String err) {

        /** The final line's {@code key=value} figures. */
        Map<String, String> figures() {
            Map<String, String> figures = new LinkedHashMap<>();
            for (String word : out.strip().split(" ")) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    figures.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
            return figures;
        }
    }

    private static Run bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new),
                new Console(new PrintStream(out, true), new PrintStream(err, true)));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "metrics, memory, 2, 16, 2000",
            "metrics, h2, 2, 16, 2000",
            "tokens, memory, 3, 16, 1001",
            "tokens, h2, 3, 16, 1001",
            "lottery, memory, 3, 50, 1001",
            "lottery, h2, 3, 50, 1001",
            "collector, memory, 2, 4, 41",
            "collector, h2, 2, 4, 41"})
    void benchLoadsAnInProcessServerAndPrintsOneLineOfFigures(String service, String storage, String conns,
                                                              String pipeline, String ops) {
        Run run = bench(service, "--storage", storage, "--conns", conns, "--pipeline", pipeline, "--ops", ops,
                "--secs", "60");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.out()).startsWith("bench " + service + " target=in-process/" + storage);
        Map<String, String> figures = run.figures();
        assertThat(figures).containsEntry("ops", ops).containsEntry("errors", "0").containsEntry("conns", conns);
        assertThat(Double.parseDouble(figures.get("ops_per_sec"))).isPositive();
        assertThat(Double.parseDouble(figures.get("round_p99_ms")))
                .isGreaterThanOrEqualTo(Double.parseDouble(figures.get("round_p50_ms"))).isPositive();
    }

    @ParameterizedTest
    @CsvSource({"text", "binary"})
    void benchLotteryUploadsEveryAgencysBetsAndWaitsForTheDraw(String dialect) {
        // 2 agencies x 7575 bets: the number 7574 comes up once in each, so the draw has 2 winners
        Run run = bench("lottery", "--dialect", dialect, "--conns", "2", "--pipeline", "500", "--ops", "15150",
                "--secs", "60");

        assertThat(run.code()).as(run.err()).isZero();
        Map<String, String> figures = run.figures();
        assertThat(figures).containsEntry("target", "in-process/memory/" + dialect).containsEntry("ops", "15150")
                .containsEntry("winners", "2");
        assertThat(Double.parseDouble(figures.get("draw_ms"))).isNotNegative();
        assertThat(Double.parseDouble(figures.get("batches_per_sec"))).isPositive();
    }

    @Test
    void benchCollectorReportsTheBytesItPosted() {
        Run run = bench("collector", "--conns", "1", "--pipeline", "1024", "--ops", "8", "--secs", "60");

        assertThat(run.code()).as(run.err()).isZero();
        Map<String, String> figures = run.figures();
        assertThat(figures).containsEntry("ops", "8");
        double posts = Double.parseDouble(figures.get("ops_per_sec"));
        // 1 MiB bodies: MiB/s is posts/s (both rounded as printed)
        assertThat(Double.parseDouble(figures.get("mib_per_sec"))).isCloseTo(posts, org.assertj.core.data.Offset.offset(1.0));
        // one file per post
        assertThat(Double.parseDouble(figures.get("files_per_sec"))).isCloseTo(posts, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void benchLoadsARunningServerNamedByPort() throws Exception {
        try (ServerRuntime runtime = new ServerRuntime(ServerOptions.memory(0))) {
            TcpComponent metrics = MetricsAssembly.install(runtime, "127.0.0.1", 0);
            runtime.start();

            Run run = bench("metrics", "--port", Integer.toString(metrics.localAddress().getPort()), "--conns", "2",
                    "--ops", "500", "--secs", "60");

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.figures()).containsEntry("target", "127.0.0.1:" + metrics.localAddress().getPort())
                    .containsEntry("ops", "500").containsEntry("errors", "0");
        }
    }

    @Test
    void benchAgainstANonListeningPortCountsTheFailedConnectionsAndExitsOne() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        Run run = bench("tokens", "--port", Integer.toString(port), "--conns", "2", "--ops", "10", "--secs", "10");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.figures()).containsEntry("ops", "0").containsEntry("errors", "2");
        assertThat(run.err()).contains("cannot connect to 127.0.0.1:" + port);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "frobnicate                              | unknown service 'frobnicate'",
            "metrics --dialect binary                | --dialect applies to bench lottery only",
            "lottery --delay 5                       | --delay applies to bench tokens only",
            "lottery --dialect morse                 | --dialect must be text or binary",
            "tokens --port 9000 --storage h2         | --storage shapes the in-process server",
            "collector --pipeline 0                  | --pipeline must be between 1 and 4096"})
    void badBenchOptionsAreUsageErrorsNamingTheOption(String args, String message) {
        Run run = bench(args.strip().split("\\s+"));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }
}
