package dev.switchboard.bootstrap.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.bootstrap.Launched;
import dev.switchboard.bootstrap.Launcher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The tokens service through the real launcher: token-server and token-client as separate processes. */
class TokensEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final Launched launched = new Launched();

    private Launcher launch(String... args) {
        return launched.start(dir, args);
    }

    @Test
    void serverAndTwoClients_printTheTables_andTheAdminShowsTheSame() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.txt"), "abc xyz\n\tabc  \n");
        int adminPort = Launcher.freePort();
        Launcher server = launch("token-server", "-p", "0", "-s", "1", "-d", "20", "-t", "4",
                "--admin-port", String.valueOf(adminPort));
        int port = server.awaitListening("tokens", WAIT);

        // garbage first: the server answers it and carries on
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            raw.setSoTimeout(10_000);
            OutputStream out = raw.getOutputStream();
            out.write("this is not json\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(answer).isEqualTo("{\"op\":\"Error\",\"payload\":{\"reason\":\"malformed JSON\"}}");
        }

        Launcher first = launch("token-client", "c1", tokens.toString(), "-p", String.valueOf(port));
        Launcher second = launch("token-client", "--id", "c2", "-f", tokens.toString(), "-n", "1", "-p", String.valueOf(port));

        assertThat(first.awaitExit(WAIT)).isZero();
        assertThat(second.awaitExit(WAIT)).isZero();
        assertThat(first.stdoutLines()).contains("accepted abc (1/3)", "accepted xyz (2/3)", "accepted abc (3/3)");
        assertThat(first.stdout()).contains("client c1: 3 of 3 tokens accepted, 0 refused");
        assertThat(second.stdout()).contains("accepted abc (1/1)").contains("client c2: 1 of 1 tokens accepted");

        Pattern table = Pattern.compile("""
                ============================================================
                abc
                    client\\(c1\\) addr\\(127\\.0\\.0\\.1:(\\d+)\\) expected\\(3\\) received\\(3\\)
                    client\\(c2\\) addr\\(127\\.0\\.0\\.1:(\\d+)\\) expected\\(1\\) received\\(1\\)
                xyz
                    client\\(c1\\) addr\\(127\\.0\\.0\\.1:\\1\\) expected\\(3\\) received\\(3\\)
                ============================================================
                Total 2 handlers at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ""");
        await().atMost(WAIT).until(() -> table.matcher(server.stdout()).find());
        Matcher printed = table.matcher(server.stdout());
        assertThat(printed.find()).isTrue();

        HttpResponse<String> api = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/api/tokens")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).isEqualTo("{\"handlers\":["
                + "{\"token\":\"abc\",\"rows\":["
                + "{\"id\":\"c1\",\"addr\":\"127.0.0.1:" + printed.group(1) + "\",\"expected\":3,\"received\":3},"
                + "{\"id\":\"c2\",\"addr\":\"127.0.0.1:" + printed.group(2) + "\",\"expected\":1,\"received\":1}]},"
                + "{\"token\":\"xyz\",\"rows\":["
                + "{\"id\":\"c1\",\"addr\":\"127.0.0.1:" + printed.group(1) + "\",\"expected\":3,\"received\":3}]}]}");

        assertThat(server.terminate(WAIT)).as("SIGTERM stops it cleanly").isZero();
    }

    @Test
    void withH2_aRestartedServerHasTheTablesBack() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.txt"), "k1 k2 k1");
        String db = dir.resolve("db").toString();
        Launcher server = launch("token-server", "-p", "0", "-s", "1", "--storage", "h2", "--db", db);
        int port = server.awaitListening("tokens", WAIT);
        Launcher client = launch("token-client", "c1", tokens.toString(), "-p", String.valueOf(port));
        assertThat(client.awaitExit(WAIT)).isZero();
        assertThat(server.terminate(WAIT)).isZero();

        Launcher again = launch("token-server", "-p", "0", "-s", "1", "--storage", "h2", "--db", db);

        await().atMost(WAIT).until(() -> again.stdout().contains("Total 2 handlers at"));
        assertThat(again.stdout()).containsPattern(
                "k1\n    client\\(c1\\) addr\\(127\\.0\\.0\\.1:\\d+\\) expected\\(3\\) received\\(3\\)\nk2\n");
        assertThat(again.terminate(WAIT)).isZero();
    }

    @Test
    void badUsage_exitsWith2AndNamesTheOption() throws Exception {
        Launcher server = launch("token-server", "--threads", "0");
        Launcher client = launch("token-client", "c1");

        assertThat(server.awaitExit(WAIT)).isEqualTo(2);
        assertThat(client.awaitExit(WAIT)).isEqualTo(2);
    }
}
