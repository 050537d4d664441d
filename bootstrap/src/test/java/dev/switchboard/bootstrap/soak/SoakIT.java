package dev.switchboard.bootstrap.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.bootstrap.Launcher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak through a real server process: 1,000 well-behaved connections at once, each checking
 * every answer, beside a client spewing random bytes, one sending a message that never ends and
 * one pipelining without reading; then a fresh client. The server runs with a 256 MiB heap that
 * ends the process on exhaustion, so surviving proves the heap bounded; its peak resident memory
 * is read from {@code /proc}.
 */
class SoakIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final int CLIENTS = 1000;
    private static final int REQUESTS = 10;
    /** A 256 MiB heap, and an exhausted heap ends the process: the soak then fails on a dead server. */
    private static final String BOUNDED_HEAP = "-Xmx256m -XX:+ExitOnOutOfMemoryError";
    /** Peak resident memory allowed: the heap limit plus the JVM's own (code, metaspace, 1,000 sockets' buffers). */
    private static final long MAX_RESIDENT_BYTES = 640L * 1024 * 1024;

    @TempDir
    Path dir;

    private static SoakSettings settings() {
        return new SoakSettings(CLIENTS, REQUESTS, 16L * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(60), 14);
    }

    @Test
    void metricsHoldsTheSoak() throws Exception {
        try (Launcher server = Launcher.startWithJavaOpts(dir, BOUNDED_HEAP, "metrics-server", "--port", "0")) {
            int port = server.awaitListening("metrics", START);
            SoakResult result = Soak.run("metrics", new InetSocketAddress("127.0.0.1", port), settings());
            assertHeld(result, server);
            assertThat(server.terminate(Duration.ofSeconds(10))).isZero();
        }
    }

    @Test
    void tokensHoldsTheSoakAndItsTablesCountEveryAcceptedToken() throws Exception {
        int admin = Launcher.freePort();
        try (Launcher server = Launcher.startWithJavaOpts(dir, BOUNDED_HEAP, "token-server", "-p", "0", "-s", "3600",
                "--admin-port", String.valueOf(admin))) {
            int port = server.awaitListening("tokens", START);
            SoakResult result = Soak.run("tokens", new InetSocketAddress("127.0.0.1", port), settings());
            assertHeld(result, server);

            // every well-behaved client (and the fresh one) has a row in each of the 8 tables, all its tokens counted
            JsonObject tables = JsonParser.parseString(get(admin, "/api/tokens")).getAsJsonObject();
            Map<String, Integer> rows = new HashMap<>();
            for (JsonElement handler : tables.getAsJsonArray("handlers")) {
                for (JsonElement row : handler.getAsJsonObject().getAsJsonArray("rows")) {
                    JsonObject r = row.getAsJsonObject();
                    String id = r.get("id").getAsString();
                    if (id.matches("soak-\\d+")) {
                        assertThat(r.get("received").getAsInt()).as(id).isEqualTo(REQUESTS);
                        rows.merge(id, 1, Integer::sum);
                    }
                }
            }
            assertThat(rows).hasSize(CLIENTS + 1).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(TokensSoak.TOKENS));
            assertThat(server.terminate(Duration.ofSeconds(10))).isZero();
        }
    }

    @Test
    void lotteryHoldsTheSoakAndDrawsOnceForAThousandAgencies() throws Exception {
        int admin = Launcher.freePort();
        try (Launcher server = Launcher.startWithJavaOpts(dir, BOUNDED_HEAP, "lottery-server", "--port", "0",
                "--dialect", "text", "--agencies", String.valueOf(CLIENTS), "--admin-port", String.valueOf(admin))) {
            int port = server.awaitListening("lottery", START);
            SoakResult result = Soak.run("lottery", new InetSocketAddress("127.0.0.1", port), settings());
            assertHeld(result, server);

            JsonObject status = JsonParser.parseString(get(admin, "/api/lottery")).getAsJsonObject();
            assertThat(status.get("drawDone").getAsBoolean()).isTrue();
            assertThat(status.get("totalBets").getAsLong()).isEqualTo((long) CLIENTS * REQUESTS);
            assertThat(String.join("\n", server.stderrLines())).containsOnlyOnce("action: sorteo | result: success");
            assertThat(server.terminate(Duration.ofSeconds(10))).isZero();
        }
    }

    private static void assertHeld(SoakResult result, Launcher server) throws IOException {
        String report = result.report();
        System.out.println(report);
        assertThat(result.wrong()).as(report).isEmpty();
        assertThat(result.right()).as(report).isEqualTo(CLIENTS);
        assertThat(result.fresh()).as(report).isEmpty();
        result.hostile().forEach(h -> assertThat(h.problem()).as(report).isEmpty());
        // the junk was answered with the protocol's errors, and read up to the end
        assertThat(result.hostile("spew").answers()).as(report).isPositive();
        // a message that never ends is cut off: the server closes it, having read a bounded amount
        assertThat(result.hostile("endless").closes()).as(report).isPositive();
        // a client that never reads is pushed back (the server stops reading it), never dropped
        assertThat(result.hostile("pipeline").stalls()).as(report).isPositive();
        assertThat(result.hostile("pipeline").closes()).as(report).isZero();
        assertThat(server.isAlive()).as(report).isTrue();
        assertThat(peakResidentBytes(server.pid())).as(report).isLessThan(MAX_RESIDENT_BYTES);
    }

    /** {@code VmHWM} of {@code /proc/<pid>/status}: the process's peak resident set. */
    private static long peakResidentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new AssertionError("no VmHWM in /proc/" + pid + "/status");
    }

    private static String get(int adminPort, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
