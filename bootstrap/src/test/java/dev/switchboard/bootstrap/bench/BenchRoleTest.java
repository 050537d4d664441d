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
    void benchLotteryDatasetReplaysTheRealAgencyFiles_inBothDialects_andChecksEveryWinner() {
        Run run = bench("lottery", "--dataset", "src/test/resources/lottery/lottery-dataset.zip", "--pipeline", "100",
                "--window", "4", "--secs", "120");

        assertThat(run.code()).as(run.err()).isZero();
        Map<String, String> figures = run.figures();
        assertThat(figures).containsEntry("target", "in-process/memory/replay").containsEntry("ops", "78697")
                .containsEntry("errors", "0").containsEntry("agencies", "5(3_text)").containsEntry("window", "4");
        assertThat(Double.parseDouble(figures.get("server_cpu_us_per_op"))).isPositive();
    }

    @Test
    void benchLotteryDatasetWithH2_countsAWrongWinnersAnswerAsAnError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("agency-1.csv"), "Ana,Lorca,11,1990-01-02,7574\r\nBea,Ruiz,12,1991-02-03,1\r\n");
        java.nio.file.Files.writeString(dir.resolve("agency-2.csv"), "Cid,Paz,21,1980-03-04,7574\r\n");
        Run run = bench("lottery", "--dataset", dir.toString(), "--storage", "h2", "--pipeline", "1",
                "--text-agencies", "1", "--runs", "2", "--secs", "60");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains(" ops=3 errors=0 ")
                .contains("agencies=2(1_text)").contains("batches=3"));
    }

    @Test
    void benchTokensReportsServerCpuPerToken() {
        Run run = bench("tokens", "--conns", "2", "--pipeline", "1", "--distinct", "1000", "--ops", "400",
                "--secs", "60");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Double.parseDouble(run.figures().get("server_cpu_us_per_op"))).isPositive();
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
    void benchTokensCountsARefusedGreetingAsAnErrorAndSaysWhatTheServerAnswered() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread refuser = new Thread(() -> {
                // answers every greeting with an Error, as a server refusing the client would
                for (int i = 0; i < 2; i++) {
                    try (java.net.Socket s = server.accept()) {
                        new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                                java.nio.charset.StandardCharsets.UTF_8)).readLine();
                        s.getOutputStream().write("{\"op\":\"Error\",\"payload\":{\"reason\":\"go away\"}}\n"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        s.shutdownOutput();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            refuser.start();

            Run run = bench("tokens", "--port", Integer.toString(server.getLocalPort()), "--conns", "2", "--ops", "10",
                    "--secs", "10");
            refuser.join(10_000);

            assertThat(run.code()).isEqualTo(1);
            assertThat(run.figures()).containsEntry("ops", "0").containsEntry("errors", "2");
            assertThat(run.err()).contains("greeting answered {\"op\":\"Error\"").doesNotContain("cannot connect");
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
            "lottery --window 4                      | --window applies to bench lottery --dataset only",
            "lottery --dataset /nonexistent/x        | --dataset /nonexistent/x",
            "tokens --server-pid 12                  | --server-pid names a running server",
            "lottery --dialect morse                 | --dialect must be text or binary",
            "tokens --port 9000 --storage h2         | --storage shapes the in-process server",
            "collector --pipeline 0                  | --pipeline must be between 1 and 4096",
            "metrics --redis                         | --redis loads the Redis server at --port",
            "tokens --redis --port 1                 | --redis applies to bench metrics only",
            "lottery --warmup 5                      | --warmup applies to bench metrics and tokens only"})
    void badBenchOptionsAreUsageErrorsNamingTheOption(String args, String message) {
        Run run = bench(args.strip().split("\\s+"));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void benchMetricsRedisSendsEveryPointAsARespSetAndChecksEachAnswer() throws Exception {
        List<String> keys = java.util.Collections.synchronizedList(new ArrayList<>());
        try (java.net.ServerSocket redis = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread fake = new Thread(() -> {
                try (java.net.Socket s = redis.accept()) {
                    java.io.BufferedReader in = new java.io.BufferedReader(
                            new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    java.io.OutputStream out = s.getOutputStream();
                    String line;
                    while ((line = in.readLine()) != null) {
                        // *3 $3 SET $n key $n value: answer +OK only to a well-formed SET
                        String[] command = {line, in.readLine(), in.readLine(), in.readLine(), in.readLine(),
                                in.readLine(), in.readLine()};
                        boolean ok = command[0].equals("*3") && command[1].equals("$3") && command[2].equals("SET")
                                && command[3].equals("$" + command[4].length())
                                && command[5].equals("$" + command[6].length())
                                && command[6].matches("\\d+\\.5");
                        keys.add(command[4]);
                        out.write((ok ? "+OK\r\n" : "-ERR bad\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (java.io.IOException ignored) {
                    // the bench closed the connection
                }
            });
            fake.start();

            Run run = bench("metrics", "--redis", "--port", Integer.toString(redis.getLocalPort()), "--conns", "1",
                    "--pipeline", "8", "--ops", "100", "--keys", "4", "--secs", "60");

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.figures()).containsEntry("target", "redis/127.0.0.1:" + redis.getLocalPort())
                    .containsEntry("ops", "100").containsEntry("errors", "0");
            fake.join(10_000);
        }
        assertThat(keys).hasSize(100).doesNotHaveDuplicates()
                .allMatch(k -> k.matches("bench\\.c0\\.k[0-3]:\\d+"));
    }

    @Test
    void benchMetricsCountsAWrongAnswerAsARefusal() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread fake = new Thread(() -> {
                try (java.net.Socket s = server.accept()) {
                    java.io.BufferedReader in = new java.io.BufferedReader(
                            new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    java.io.OutputStream out = s.getOutputStream();
                    int n = 0;
                    while (in.readLine() != null) {
                        out.write((n++ % 5 == 4 ? "error\nwrong command\n\n" : "ok\n\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (java.io.IOException ignored) {
                    // the bench closed the connection
                }
            });
            fake.start();

            Run run = bench("metrics", "--port", Integer.toString(server.getLocalPort()), "--conns", "1",
                    "--pipeline", "10", "--ops", "50", "--secs", "60");

            assertThat(run.code()).isEqualTo(1);
            assertThat(run.figures()).containsEntry("ops", "40").containsEntry("errors", "10");
            fake.join(10_000);
        }
    }
}
