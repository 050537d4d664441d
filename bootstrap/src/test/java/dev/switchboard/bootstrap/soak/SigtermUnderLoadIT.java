package dev.switchboard.bootstrap.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while clients keep the server busy, with H2: the process exits 0 within 5 s; after a
 * restart on the same file every request that was answered with success is there, and nothing
 * half-written is (no point, token count or bet that was never sent; no batch in part). Every
 * answer a client read whole must be a right one; an answer cut by the stop counts as not given.
 */
class SigtermUnderLoadIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP_BOUND = Duration.ofSeconds(5);
    private static final int CONNECTIONS = 8;
    /** Acknowledged requests to wait for before the signal, so it surely lands under load. */
    private static final long BEFORE_SIGNAL = 1500;
    /** Rounds per connection at most, so the load is bounded even if the signal were lost. */
    private static final int MAX_ROUNDS = 5000;

    @TempDir
    Path dir;

    /** One connection's loop: rounds until the server goes away; records what was acknowledged. */
    @FunctionalInterface
    private interface Round {
        /** Sends one round on the wire and reads its answers; returns false when the connection ended. */
        boolean run(Wire wire, int round) throws IOException;
    }

    private static final List<String> wrongAnswers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static List<Thread> load(InetSocketAddress server, Round round) {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int index = c;
            Thread thread = new Thread(() -> {
                try (Wire wire = new Wire(server)) {
                    wire.readTimeout(20_000);
                    for (int r = 0; r < MAX_ROUNDS && round.run(wire, r * CONNECTIONS + index); r++) {
                        // next round
                    }
                } catch (IOException e) {
                    // the server stopped: the answers read so far are the acknowledged ones
                }
            }, "load-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return threads;
    }

    private static void stopUnderLoad(String service, Launcher server, AtomicLong acknowledged, List<Thread> load)
            throws Exception {
        await().atMost(START).until(() -> acknowledged.get() >= BEFORE_SIGNAL);
        long signalled = System.nanoTime();
        int exit = server.terminate(Duration.ofSeconds(15));
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        assertThat(exit).as(server.stderrLines().toString()).isZero();
        assertThat(took).isLessThan(STOP_BOUND);
        System.out.printf("%s: SIGTERM after %d acknowledged; exit %d in %d ms%n", service, acknowledged.get(), exit,
                took.toMillis());
        String stderr = String.join("\n", server.stderrLines());
        assertThat(stderr).contains("stopped").doesNotContain("\tat ").doesNotContain("Exception");
        for (Thread thread : load) {
            thread.join(30_000);
            assertThat(thread.isAlive()).isFalse();
        }
        assertThat(wrongAnswers).isEmpty();
        System.out.printf("%s: %d acknowledged in all%n", service, acknowledged.get());
    }

    @Test
    void metrics_everyAcknowledgedPutIsThereAfterTheRestart() throws Exception {
        wrongAnswers.clear();
        String db = dir.resolve("db/metrics").toString();
        int perRound = 50;
        Map<String, Long> acked = new ConcurrentHashMap<>();
        AtomicLong total = new AtomicLong();
        try (Launcher server = Launcher.start(dir, "metrics-server", "--port", "0", "--storage", "h2", "--db", db)) {
            int port = server.awaitListening("metrics", START);
            MetricsSoak metrics = new MetricsSoak();
            List<Thread> load = load(new InetSocketAddress("127.0.0.1", port), (wire, round) -> {
                StringBuilder puts = new StringBuilder();
                for (int i = 0; i < perRound; i++) {
                    long ts = (long) round * perRound + i;
                    puts.append("put term.k").append(round % CONNECTIONS).append(' ').append(ts).append(' ').append(ts).append('\n');
                }
                wire.write(puts.toString());
                for (int i = 0; i < perRound; i++) {
                    String answer = metrics.readAnswer(wire.in());
                    if (answer == null) {
                        return false;
                    }
                    if (!answer.equals("ok\n\n")) {
                        wrongAnswers.add(answer);
                        return false;
                    }
                    acked.put("term.k" + (round % CONNECTIONS) + "@" + ((long) round * perRound + i), (long) round * perRound + i);
                    total.incrementAndGet();
                }
                return true;
            });
            stopUnderLoad("metrics", server, total, load);
        }
        try (Launcher server = Launcher.start(dir, "metrics-server", "--port", "0", "--storage", "h2", "--db", db)) {
            int port = server.awaitListening("metrics", START);
            try (Wire wire = new Wire(new InetSocketAddress("127.0.0.1", port))) {
                wire.write("get *\n");
                String all = new MetricsSoak().readAnswer(wire.in());
                Map<String, Long> stored = new TreeMap<>();
                all.lines().skip(1).filter(l -> !l.isEmpty()).forEach(line -> {
                    String[] f = line.split(" ");
                    // nothing half-written: each point's value is its timestamp, as sent
                    assertThat(f[1]).as(line).isEqualTo(f[2] + ".0");
                    stored.put(f[0] + "@" + f[2], Long.parseLong(f[2]));
                });
                assertThat(stored).containsAllEntriesOf(acked);
                System.out.printf("metrics: %d points after the restart, %d acknowledged, 0 lost%n", stored.size(), acked.size());
                // anything stored beyond the acknowledged was sent, and its answer lost in the stop: at most one round each
                assertThat(stored.size() - acked.size()).isLessThanOrEqualTo(CONNECTIONS * perRound);
            }
            assertThat(server.terminate(Duration.ofSeconds(10))).isZero();
        }
    }

    @Test
    void tokens_everyAcceptedTokenIsCountedAfterTheRestart() throws Exception {
        wrongAnswers.clear();
        String db = dir.resolve("db/tokens").toString();
        int perRound = 20;
        long[] accepted = new long[CONNECTIONS];
        long[] sent = new long[CONNECTIONS];
        AtomicLong total = new AtomicLong();
        try (Launcher server = Launcher.start(dir, "token-server", "-p", "0", "-s", "3600", "--storage", "h2", "--db", db)) {
            int port = server.awaitListening("tokens", START);
            List<Thread> load = load(new InetSocketAddress("127.0.0.1", port), (wire, round) -> {
                int c = round % CONNECTIONS;
                if (round < CONNECTIONS) {
                    wire.write("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"term-" + c + "\",\"tokens_expected\":1000000}}\n");
                    String ready = wire.readLine();
                    if (!"{\"op\":\"Ready\",\"payload\":{}}".equals(ready)) {
                        if (ready != null) {
                            wrongAnswers.add(ready);
                        }
                        return false;
                    }
                }
                StringBuilder tokens = new StringBuilder();
                for (int i = 0; i < perRound; i++) {
                    tokens.append("{\"op\":\"Token\",\"payload\":{\"token\":\"t").append(i % 5).append("\"}}\n");
                }
                wire.write(tokens.toString());
                sent[c] += perRound;
                for (int i = 0; i < perRound; i++) {
                    String answer = wire.readLine();
                    if (answer == null) {
                        return false;
                    }
                    if (!answer.equals("{\"op\":\"Accepted\",\"payload\":{\"token\":\"t" + (i % 5) + "\"}}")) {
                        wrongAnswers.add(answer);
                        return false;
                    }
                    accepted[c]++;
                    total.incrementAndGet();
                }
                return true;
            });
            stopUnderLoad("tokens", server, total, load);
        }
        int admin = Launcher.freePort();
        try (Launcher server = Launcher.start(dir, "token-server", "-p", "0", "-s", "3600", "--storage", "h2", "--db", db,
                "--admin-port", String.valueOf(admin))) {
            server.awaitListening("tokens", START);
            JsonObject tables = JsonParser.parseString(get(admin, "/api/tokens")).getAsJsonObject();
            long[] received = new long[CONNECTIONS];
            int[] rows = new int[CONNECTIONS];
            for (JsonElement handler : tables.getAsJsonArray("handlers")) {
                for (JsonElement row : handler.getAsJsonObject().getAsJsonArray("rows")) {
                    JsonObject r = row.getAsJsonObject();
                    int c = Integer.parseInt(r.get("id").getAsString().substring("term-".length()));
                    received[c] = r.get("received").getAsLong();
                    rows[c]++;
                }
            }
            for (int c = 0; c < CONNECTIONS; c++) {
                assertThat(received[c]).as("term-" + c + " received").isBetween(accepted[c], sent[c]);
                assertThat(rows[c]).as("term-" + c + " appears in every token's table").isEqualTo(5);
            }
            assertThat(server.terminate(Duration.ofSeconds(10))).isZero();
        }
    }

    @Test
    void lottery_everyStoredBatchIsThereWholeAfterTheRestart() throws Exception {
        wrongAnswers.clear();
        String db = dir.resolve("db/lottery").toString();
        int betsPerBatch = 7;
        long[] stored = new long[CONNECTIONS];
        long[] sent = new long[CONNECTIONS];
        AtomicLong total = new AtomicLong();
        LotterySoak lottery = new LotterySoak(20_000);
        String[] serverArgs = {"lottery-server", "--port", "0", "--dialect", "text", "--agencies", String.valueOf(CONNECTIONS),
            "--storage", "h2", "--db", db};
        try (Launcher server = Launcher.start(dir, serverArgs)) {
            int port = server.awaitListening("lottery", START);
            List<Thread> load = load(new InetSocketAddress("127.0.0.1", port), (wire, round) -> {
                int agency = round % CONNECTIONS + 1;
                StringBuilder batch = new StringBuilder().append(agency).append(';').append(betsPerBatch).append('\n');
                for (int j = 0; j < betsPerBatch; j++) {
                    batch.append("Ana;Term;").append(round * 10 + j).append(";1990-01-01;").append(j).append('\n');
                }
                wire.write(LotterySoak.frame(batch.toString()));
                sent[agency - 1]++;
                String answer = lottery.readAnswer(wire.in());
                if (answer == null) {
                    return false;
                }
                if (!answer.equals(LotterySoak.SUCCESS)) {
                    // a batch refused in the stop says so with the protocol's error: not acknowledged, not a fault
                    if (!answer.startsWith("error;")) {
                        wrongAnswers.add(answer);
                    }
                    return false;
                }
                stored[agency - 1]++;
                total.addAndGet(betsPerBatch);
                return true;
            });
            stopUnderLoad("lottery", server, total, load);
        }
        int admin = Launcher.freePort();
        List<String> restart = new ArrayList<>(List.of(serverArgs));
        restart.addAll(List.of("--admin-port", String.valueOf(admin)));
        try (Launcher server = Launcher.start(dir, restart.toArray(String[]::new))) {
            server.awaitListening("lottery", START);
            JsonObject status = JsonParser.parseString(get(admin, "/api/lottery")).getAsJsonObject();
            for (JsonElement element : status.getAsJsonArray("agencies")) {
                JsonObject agency = element.getAsJsonObject();
                int a = agency.get("agency").getAsInt();
                long bets = agency.get("bets").getAsLong();
                long batches = agency.get("batches").getAsLong();
                assertThat(batches).as("agency " + a + " batches").isBetween(stored[a - 1], sent[a - 1]);
                // all or none: every batch is there whole
                assertThat(bets).as("agency " + a + " bets").isEqualTo(batches * betsPerBatch);
            }
            assertThat(server.terminate(Duration.ofSeconds(10))).isZero();
        }
    }

    private static String get(int adminPort, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
