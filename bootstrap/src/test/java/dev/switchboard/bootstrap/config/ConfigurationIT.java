package dev.switchboard.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import dev.switchboard.bootstrap.Launcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from a file and the environment, and the admin token kept off the command line, as a user runs them. */
class ConfigurationIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final String TOKEN = "tok-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theServerListensWhereTheEnvironmentSaysOverTheFile() throws Exception {
        int fromFile = Launcher.freePort();
        int fromEnv = Launcher.freePort();
        Path file = dir.resolve("metrics.properties");
        Files.writeString(file, "# the file's port loses to the environment's\nport=" + fromFile + "\nhost=127.0.0.1\n");
        try (Launcher server = Launcher.start(dir, Map.of("SWITCHBOARD_PORT", String.valueOf(fromEnv)),
                "metrics-server", "--config", file.toString())) {
            assertThat(server.awaitListening("metrics", START)).isEqualTo(fromEnv);
            try (MetricsClient client = new MetricsClient("127.0.0.1", fromEnv, Duration.ofSeconds(5))) {
                client.put("cfg.key", 1.5, 100);
                assertThat(client.get("cfg.key")).containsKey("cfg.key");
            }
            assertThat(server.terminate(Duration.ofSeconds(10))).isZero();
        }
    }

    @Test
    void theAdminTokenFromTheEnvironmentGuardsTheApiAndIsNotInTheCommandLine() throws Exception {
        runServeWithToken(Map.of("SWITCHBOARD_ADMIN_TOKEN", TOKEN));
    }

    @Test
    void theAdminTokenFromAFileGuardsTheApiAndIsNotInTheCommandLine() throws Exception {
        Path tokenFile = dir.resolve("admin-token");
        Files.writeString(tokenFile, TOKEN + "\n");
        runServeWithToken(Map.of(), "--admin-token-file", tokenFile.toString());
    }

    private void runServeWithToken(Map<String, String> env, String... extra) throws Exception {
        int adminPort = Launcher.freePort();
        String[] args = new String[] {"serve", "--tokens-port", "0", "--lottery-port", "0", "--lottery-binary-port", "0",
                "--sink-port", "0", "--metrics-port", String.valueOf(Launcher.freePort()),
                "--admin-port", String.valueOf(adminPort)};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        try (Launcher serve = Launcher.start(dir, env, all)) {
            serve.awaitLine("admin console at http://127.0.0.1:" + adminPort + "/", START);
            URI health = URI.create("http://127.0.0.1:" + adminPort + "/api/health");
            assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(401);
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(health).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);

            Path cmdline = Path.of("/proc", String.valueOf(serve.pid()), "cmdline");
            assumeThat(Files.exists(cmdline)).as("/proc shows command lines (Linux)").isTrue();
            String shown = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
            assertThat(shown).contains("serve").contains("java").doesNotContain(TOKEN);
            assertThat(serve.terminate(Duration.ofSeconds(10))).isZero();
        }
    }
}
