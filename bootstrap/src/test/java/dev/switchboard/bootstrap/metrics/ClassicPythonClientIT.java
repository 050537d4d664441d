package dev.switchboard.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.bootstrap.Launcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classic Python client's scenario against the real server: answers must match byte for byte. */
class ClassicPythonClientIT {

    @TempDir
    Path dir;

    private static boolean pythonPresent() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theClassicClientScenarioPasses() throws Exception {
        // CI machines have python3; a user's machine without it skips this one check
        assumeTrue(System.getenv("CI") != null || pythonPresent(), "python3 is not installed");
        Path script = Launcher.home().resolve("bootstrap/src/test/python/classic_metrics_client.py");
        try (Launcher server = Launcher.start(dir, "metrics-server", "--port", "0")) {
            int port = server.awaitListening("metrics", Duration.ofSeconds(60));
            Process python = new ProcessBuilder("python3", script.toString(), "127.0.0.1", String.valueOf(port))
                    .redirectErrorStream(true).start();
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(output).contains("classic scenario: all answers match");
            assertThat(Files.exists(script)).isTrue();
        }
    }
}
