package dev.switchboard.bootstrap.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code token-client} against a stand-in for the original C++ token server: it takes each TCP
 * read as exactly one JSON message and aborts the connection (as the original aborts with
 * "garbage after data") when a read holds more than one, or less than a whole one.
 */
class ClassicTokenServerTest {

    @TempDir
    Path dir;

    private final List<ClassicServer> servers = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (ClassicServer server : servers) {
            server.close();
        }
    }

    /** One connection, one thread; every read must be one whole message. */
    static final class ClassicServer implements AutoCloseable {
        final ServerSocket listener;
        final boolean classicReady;
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<String> violations = new CopyOnWriteArrayList<>();
        final Thread thread;

        ClassicServer(boolean classicReady) throws IOException {
            this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            this.classicReady = classicReady;
            this.thread = new Thread(this::serve, "classic-token-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve() {
            try (Socket socket = listener.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    String read = new String(buffer, 0, n, StandardCharsets.UTF_8);
                    long lines = read.chars().filter(c -> c == '\n').count();
                    if (lines != 1 || !read.endsWith("\n")) {
                        violations.add(read);
                        return; // the original aborts here
                    }
                    messages.add(read.strip());
                    out.write(answer(JsonParser.parseString(read).getAsJsonObject()));
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                violations.add("server failed: " + e);
            }
        }

        /** Answers as the original does: every value a string, {@code ""} for an empty payload. */
        private byte[] answer(JsonObject message) {
            String op = message.get("op").getAsString();
            String line = switch (op) {
                case "Greeting" -> classicReady ? "{\"op\":\"Ready\",\"payload\":\"\"}" : "{\"op\":\"Ready\",\"payload\":{}}";
                case "Token" -> "{\"op\":\"Accepted\",\"payload\":{\"token\":"
                        + message.getAsJsonObject("payload").get("token") + "}}";
                default -> "{\"op\":\"Error\",\"payload\":{\"reason\":\"unknown op\"}}";
            };
            return (line + "\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run client(ClassicServer server, String... options) throws IOException {
        Path file = Files.writeString(dir.resolve("tokens.txt"),
                IntStream.range(0, 40).mapToObj(i -> "t" + (i % 7)).collect(Collectors.joining(" ")) + "\n");
        List<String> args = new ArrayList<>(List.of("token-client", "--id", "c1", "--file", file.toString(),
                "-p", String.valueOf(server.port()), "--timeout", "10"));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void awaitDone(ClassicServer server) throws InterruptedException {
        server.thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void withTheClassicReady_andNoOption_theClientSendsOneTokenPerRead_andSaysSoOnce() throws Exception {
        ClassicServer server = new ClassicServer(true);
        servers.add(server);

        Run run = client(server);
        awaitDone(server);

        assertThat(server.violations).isEmpty();
        assertThat(server.messages).hasSize(41);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("client c1: 40 of 40 tokens accepted, 0 refused");
        assertThat(run.err().lines().filter(l -> l.contains("original C++ form"))).hasSize(1);
    }

    @Test
    void withWindowOne_theClientWaitsForEachAnswer_evenWhenTheServerSaysReadyTheModernWay() throws Exception {
        ClassicServer server = new ClassicServer(false);
        servers.add(server);

        Run run = client(server, "--window", "1");
        awaitDone(server);

        assertThat(server.violations).isEmpty();
        assertThat(server.messages).hasSize(41);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("original C++ form");
    }

    @Test
    void withAWiderWindow_andTheModernReady_theStandInSeesTwoMessagesInOneRead_soItWouldCatchAPipeliningClient()
            throws Exception {
        ClassicServer server = new ClassicServer(false);
        servers.add(server);

        Run run = client(server, "-w", "8");
        awaitDone(server);

        assertThat(server.violations).isNotEmpty();
        assertThat(run.code()).isEqualTo(1);
    }
}
