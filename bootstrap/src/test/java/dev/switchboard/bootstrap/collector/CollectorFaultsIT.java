package dev.switchboard.bootstrap.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.bootstrap.Launched;
import dev.switchboard.bootstrap.Launcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults the collector and the sink survive, through real processes: a collector killed with
 * {@code kill -9} while a lock is held; a sink that answers 500, then hangs, then comes back; a
 * file over the sink's limit; a sink restarted on its H2 file.
 */
class CollectorFaultsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long ROTATE_SECONDS = 3;
    private static final Pattern LISTENING = Pattern.compile("sink listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern RECORD = Pattern.compile("^\\d \\d+$");
    private static final Pattern RECEIVED = Pattern.compile("sink: received (\\S+) \\(");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final Launched launched = new Launched();

    private Launcher launch(String... args) {
        return launched.start(work, args);
    }

    private Launcher sink(int port, String... more) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("collector-sink", "--port", Integer.toString(port)));
        args.addAll(List.of(more));
        Launcher sink = launch(args.toArray(String[]::new));
        sink.awaitLine(LISTENING.pattern(), WAIT);
        return sink;
    }

    private static int portOf(Launcher sink) {
        for (String line : sink.stdoutLines()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no listening line");
    }

    private static List<String> records(List<String> lines) {
        return lines.stream().filter(l -> RECORD.matcher(l).matches()).toList();
    }

    private static List<String> received(Launcher sink) {
        List<String> ids = new ArrayList<>();
        for (String line : sink.stderrLines()) {
            Matcher m = RECEIVED.matcher(line);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** Every record in the spool's data files now. */
    private static List<String> spooled(Path spool) throws IOException {
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(spool)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("\\d+\\.dat")).toList()) {
                try {
                    Files.readAllLines(file).stream().filter(l -> RECORD.matcher(l).matches()).forEach(all::add);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // shipped and deleted meanwhile: its records are at the sink
                }
            }
        }
        return all;
    }

    /** The period number {@code M} of the one {@code M.dat.lock} in the spool. */
    private static long lockedPeriod(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            String name = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dat.lock"))
                    .findFirst().orElseThrow();
            return Long.parseLong(name.substring(0, name.length() - ".dat.lock".length()));
        }
    }

    private static boolean hasLock(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".dat.lock"));
        }
    }

    private JsonObject api(int adminPort, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private int post(int port, String batchId, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (batchId != null) {
            request.header("X-Batch-Id", batchId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void killDashNine_withALockHeld_restartRemovesTheStaleLock_andEverySpooledRecordArrivesOnce() throws Exception {
        Path spool = work.resolve("spool");
        Launcher sink = sink(0);
        int port = portOf(sink);
        String[] collectorArgs = {"collector", "--tmp-persist-dir", spool.toString(), "--port", Integer.toString(port),
                "--rotate", Long.toString(ROTATE_SECONDS), "--dist-interval", "0.5", "--sample-period", "20"};
        Launcher first = launch(collectorArgs);
        await().atMost(WAIT).until(() -> !received(sink).isEmpty() && hasLock(spool) && spooled(spool).size() >= 20);

        first.kill();
        assertThat(hasLock(spool)).as("killed while a period was open").isTrue();
        Set<String> before = new HashSet<>(records(sink.stdoutLines()));
        before.addAll(spooled(spool));
        // a lock is stale only once its period is over: restart after the killed period's end, so the
        // restart is what must remove the lock (a restart inside the period would rightly keep it)
        Instant periodOver = Instant.ofEpochSecond((lockedPeriod(spool) + 1) * ROTATE_SECONDS);
        await().atMost(WAIT).until(() -> !Instant.now().isBefore(periodOver));

        Launcher second = launch(collectorArgs);
        await().atMost(WAIT).until(() -> records(sink.stdoutLines()).containsAll(before));
        assertThat(second.terminate(Duration.ofSeconds(10))).isZero();
        assertThat(sink.terminate(Duration.ofSeconds(10))).isZero();

        assertThat(second.stderrLines()).anyMatch(l -> l.contains("removed stale lock"));
        List<String> printed = records(sink.stdoutLines());
        assertThat(printed).doesNotHaveDuplicates().containsAll(before);
        assertThat(received(sink)).doesNotHaveDuplicates();
    }

    /** A stand-in sink: answers 500 to every request until told to hang, then reads and never answers. */
    private static final class SickSink implements AutoCloseable {
        final ServerSocket listener;
        final List<Socket> held = new CopyOnWriteArrayList<>();
        volatile boolean hanging;
        final CountDownLatch answered500 = new CountDownLatch(2);

        SickSink(int port) throws IOException {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Thread t = new Thread(this::accept, "sick-sink");
            t.setDaemon(true);
            t.start();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    held.add(socket);
                    Thread t = new Thread(() -> serve(socket), "sick-sink-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[64 * 1024];
                while (in.read(buffer) > 0) {
                    if (!hanging) {
                        out.write("HTTP/1.1 500 Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\nboom\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        answered500.countDown();
                        socket.close();
                        return;
                    }
                    // hanging: read on, answer nothing
                }
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aSinkThatAnswers500_thenHangs_thenComesBack_losesNothing_andAHangCostsOneTimeoutPerRun() throws Exception {
        Path spool = work.resolve("spool");
        int port = Launcher.freePort();
        Set<String> everSeen = new HashSet<>();
        Launcher collector;
        try (SickSink sick = new SickSink(port)) {
            collector = launch("collector", "--tmp-persist-dir", spool.toString(), "--port", Integer.toString(port),
                    "--rotate", "1", "--dist-interval", "0.3", "--sample-period", "30", "--timeout", "1");
            sick.answered500.await();
            await().atMost(WAIT).until(() -> collector.stderrLines().stream().filter(l -> l.contains("HTTP 500")).count() >= 2);
            everSeen.addAll(spooled(spool));

            sick.hanging = true;
            int before = (int) collector.stderrLines().stream().filter(l -> l.contains("no answer from")).count();
            // the distributor is not stuck: run after run gives up after one timeout and logs it once
            await().atMost(WAIT).until(() -> collector.stderrLines().stream()
                    .filter(l -> l.contains("no answer from")).count() >= before + 3);
            everSeen.addAll(spooled(spool));
        }
        for (String line : collector.stderrLines()) {
            if (line.contains("left for the next run")) {
                assertThat(line).contains("WARN");
            }
        }
        assertThat(collector.stderrLines()).noneMatch(l -> l.contains("shipped "));

        Launcher sink = sink(port);
        await().atMost(WAIT).until(() -> records(sink.stdoutLines()).containsAll(everSeen));
        assertThat(collector.terminate(Duration.ofSeconds(10))).isZero();
        assertThat(sink.terminate(Duration.ofSeconds(10))).isZero();

        assertThat(everSeen).isNotEmpty();
        assertThat(records(sink.stdoutLines())).doesNotHaveDuplicates().containsAll(everSeen);
        assertThat(received(sink)).doesNotHaveDuplicates();
    }

    @Test
    void aFileOverTheSinksLimit_isMovedToRejected_countedInTheApi_andLoggedOnceAtError() throws Exception {
        Path spool = Files.createDirectories(work.resolve("spool"));
        Files.writeString(spool.resolve("100.dat"), "1 100000000000\n".repeat(20)); // 300 bytes
        Files.writeString(spool.resolve("101.dat"), "2 101000000000\n");           // 15 bytes
        Launcher sink = sink(0, "--max-body", "100");
        int adminPort = Launcher.freePort();
        Launcher collector = launch("collector", "--tmp-persist-dir", spool.toString(), "--port",
                Integer.toString(portOf(sink)), "--dist-interval", "0.3", "--sample-period", "86400000",
                "--admin-port", Integer.toString(adminPort));

        await().atMost(WAIT).until(() -> Files.exists(spool.resolve("rejected/100.dat")) && received(sink).contains("101.dat"));
        await().atMost(WAIT).until(() -> collector.stderrLines().stream().filter(l -> l.contains("distribution:")).count() >= 4);
        JsonObject status = api(adminPort, "/api/collector");
        assertThat(collector.terminate(Duration.ofSeconds(10))).isZero();
        assertThat(sink.terminate(Duration.ofSeconds(10))).isZero();

        assertThat(status.get("rejected").getAsLong()).isEqualTo(1);
        assertThat(spool.resolve("100.dat")).doesNotExist();
        assertThat(spool.resolve("rejected/100.dat")).hasSize(300);
        assertThat(collector.stderrLines().stream().filter(l -> l.contains(" ERROR ") && l.contains("100.dat"))).hasSize(1);
        assertThat(sink.stderrLines().stream().filter(l -> l.contains(": 413 "))).as("sent once, never again").hasSize(1);
    }

    @Test
    void theSinksReceiptsAndDuplicateCount_surviveARestartOnH2() throws Exception {
        String db = work.resolve("sinkdb").toString();
        int adminPort = Launcher.freePort();
        Launcher first = sink(0, "--storage", "h2", "--db", db, "--admin-port", Integer.toString(adminPort));
        int port = portOf(first);
        assertThat(post(port, "1.dat", "1 1\n")).isEqualTo(200);
        assertThat(post(port, "1.dat", "1 1\n")).isEqualTo(200);
        assertThat(post(port, null, "2 2\n")).isEqualTo(200);
        first.kill(); // acknowledged means committed: nothing may depend on an orderly stop

        Launcher second = sink(port, "--storage", "h2", "--db", db, "--admin-port", Integer.toString(adminPort));
        JsonObject restarted = api(adminPort, "/api/sink");
        assertThat(post(port, "1.dat", "1 1\n")).isEqualTo(200);
        assertThat(post(port, null, "3 3\n")).isEqualTo(200);
        JsonObject after = api(adminPort, "/api/sink");
        assertThat(second.terminate(Duration.ofSeconds(10))).isZero();

        assertThat(restarted.get("duplicates").getAsLong()).isEqualTo(1);
        assertThat(restarted.get("count").getAsLong()).isEqualTo(2);
        assertThat(after.get("duplicates").getAsLong()).isEqualTo(2);
        // made ids go on from the receipt count: the first (after 1.dat) is anon-2, the next after the restart anon-3
        assertThat(after.getAsJsonArray("receipts").toString()).contains("\"1.dat\"", "\"anon-2\"", "\"anon-3\"");
    }
}
