package dev.switchboard.bootstrap.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.bootstrap.Launched;
import dev.switchboard.bootstrap.Launcher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} runs the collector too, through the real launcher: it samples into its spool and
 * ships to the sink of the same process (or another one), and the admin counts both ends. Every
 * listener on a free port; the collector's periods are one second, so files ship within seconds.
 */
class ServeCollectorIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> FIVE = List.of("tokens", "metrics", "lottery", "collector", "sink");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final Launched launched = new Launched();


    /** {@code serve} with every listener on a free port, in {@code work}, plus {@code more}. */
    private Served serve(Map<String, String> env, String... more) throws InterruptedException {
        int admin = Launcher.freePort();
        List<String> args = new ArrayList<>(List.of("serve",
                "--tokens-port", Integer.toString(Launcher.freePort()),
                "--metrics-port", Integer.toString(Launcher.freePort()), "--graphite-port", "0",
                "--lottery-port", Integer.toString(Launcher.freePort()),
                "--lottery-binary-port", Integer.toString(Launcher.freePort()),
                "--admin-port", Integer.toString(admin)));
        if (!List.of(more).contains("--sink-port")) {
            args.addAll(List.of("--sink-port", Integer.toString(Launcher.freePort())));
        }
        args.addAll(List.of(more));
        Launcher launcher = launched.start(work, env, args.toArray(String[]::new));
        launcher.awaitLine("admin console at http://127.0.0.1:" + admin + "/", WAIT);
        return new Served(launcher, admin);
    }

    private record Served(Launcher launcher, int admin) {

        /** The port of a {@code <service> listening on host:port} line printed before the admin's. */
        int port(String service) {
            for (String line : launcher.stdoutLines()) {
                Matcher m = Launcher.listeningPattern().matcher(line);
                if (m.find() && m.group(1).equals(service)) {
                    return Integer.parseInt(m.group(3));
                }
            }
            throw new AssertionError("no '" + service + " listening on' line in " + launcher.stdoutLines());
        }
    }

    private HttpResponse<String> get(Served served, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.admin() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject api(Served served, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(served, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private List<String> services(Served served) throws IOException, InterruptedException {
        return api(served, "/api/health").getAsJsonArray("services").asList().stream()
                .map(JsonElement::getAsString).toList();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void samplesReachTheBuiltInSink_andBothEndsCountThem() throws Exception {
        Path spool = work.resolve("tmp-spool");
        Served served = serve(Map.of(), "--spool-dir", spool.toString(),
                "--rotate", "1", "--dist-interval", "0.2", "--sample-period", "20");
        int sinkPort = served.port("sink");
        assertThat(served.launcher().stdout())
                .contains("collector spooling to " + spool.toAbsolutePath().normalize()
                        + ", shipping to http://127.0.0.1:" + sinkPort + "/");
        assertThat(services(served)).containsExactlyInAnyOrderElementsOf(FIVE);

        await().atMost(WAIT).until(() -> api(served, "/api/collector").get("sent").getAsLong() >= 3);
        JsonObject collector = api(served, "/api/collector");
        JsonObject sink = api(served, "/api/sink");
        // a file is deleted only after its 2xx, and the sink stores before it answers: each sent file has its receipt
        assertThat(sink.get("count").getAsLong()).isGreaterThanOrEqualTo(collector.get("sent").getAsLong());
        assertThat(collector.get("failures").getAsLong()).isZero();
        assertThat(collector.get("lastError").isJsonNull()).isTrue();
        assertThat(collector.get("samples").getAsLong()).isPositive();
        assertThat(collector.get("spool").getAsString()).isEqualTo(spool.toAbsolutePath().normalize().toString());
        assertThat(collector.get("target").getAsString()).isEqualTo("http://127.0.0.1:" + sinkPort + "/");

        List<String> shipped = new ArrayList<>();
        for (JsonElement receipt : sink.getAsJsonArray("receipts")) {
            String batchId = receipt.getAsJsonObject().get("batchId").getAsString();
            assertThat(batchId).matches("\\d+\\.dat");
            assertThat(receipt.getAsJsonObject().get("bytes").getAsLong()).isPositive();
            shipped.add(batchId);
        }
        assertThat(shipped).doesNotHaveDuplicates();
        assertThat(names(spool)).doesNotContainAnyElementsOf(shipped);
        // the sink prints every record it took: the generator's "<value 0..9> <epoch-ns>" lines
        await().atMost(WAIT).until(() -> served.launcher().stdoutLines().stream().anyMatch(l -> l.matches("\\d \\d{18,19}")));
        assertThat(served.launcher().terminate(Duration.ofSeconds(10))).isZero();
        assertThat(served.launcher().stderrLines()).noneMatch(l -> l.contains("\tat "));
    }

    @Test
    void byDefault_fiveServicesAndTheSpoolUnderTheWorkingDirectory() throws Exception {
        Served served = serve(Map.of());
        assertThat(services(served)).containsExactlyInAnyOrderElementsOf(FIVE);
        Path spool = work.resolve("data/spool");
        assertThat(spool).isDirectory();
        assertThat(api(served, "/api/collector").get("spool").getAsString())
                .isEqualTo(spool.toAbsolutePath().normalize().toString());
        assertThat(served.launcher().terminate(Duration.ofSeconds(10))).isZero();
    }

    @Test
    void collectorOff_leavesNoSpool_andHealthListsTheOtherFour() throws Exception {
        Served served = serve(Map.of("SWITCHBOARD_COLLECTOR", "off"), "--spool-dir", work.resolve("spool").toString());
        assertThat(services(served)).containsExactlyInAnyOrder("tokens", "metrics", "lottery", "sink");
        assertThat(get(served, "/api/collector").statusCode()).isEqualTo(404);
        assertThat(served.launcher().terminate(Duration.ofSeconds(10))).isZero();
        assertThat(names(work)).doesNotContain("spool", "data");
    }

    @Test
    void withTheSinkOffAndNoTarget_theCollectorStaysOff_andSaysWhy() throws Exception {
        Served served = serve(Map.of(), "--sink-port", "0");
        assertThat(services(served)).containsExactlyInAnyOrder("tokens", "metrics", "lottery");
        assertThat(served.launcher().terminate(Duration.ofSeconds(10))).isZero();
        assertThat(String.join("\n", served.launcher().stderrLines())).contains("collector off: the sink is off");
        assertThat(names(work)).doesNotContain("data");
    }

    @Test
    void aCollectorTargetShipsToAnotherSink_andAFileItRefusesGoesToRejected() throws Exception {
        // the other sink takes 40 bytes at most: a one-second file of 50 ms samples (~25 bytes each) is larger
        Launcher other = launched.start(work, "collector-sink", "--port", "0", "--max-body", "40");
        int otherPort = other.awaitListening("sink", WAIT);
        Path spool = work.resolve("spool");
        Served served = serve(Map.of(), "--sink-port", "0", "--collector-target", "127.0.0.1:" + otherPort,
                "--spool-dir", spool.toString(), "--rotate", "1", "--dist-interval", "0.2", "--sample-period", "50");
        assertThat(services(served)).containsExactlyInAnyOrder("tokens", "metrics", "lottery", "collector");

        await().atMost(WAIT).until(() -> api(served, "/api/collector").get("rejected").getAsLong() >= 1);
        JsonObject collector = api(served, "/api/collector");
        assertThat(collector.get("target").getAsString()).isEqualTo("http://127.0.0.1:" + otherPort + "/");
        // refused for good: kept aside, never deleted
        assertThat(names(spool.resolve("rejected"))).isNotEmpty().allMatch(n -> n.matches("\\d+\\.dat"));
        assertThat(served.launcher().terminate(Duration.ofSeconds(10))).isZero();
        assertThat(String.join("\n", served.launcher().stderrLines())).contains("refuses").contains("for good");
    }
}
