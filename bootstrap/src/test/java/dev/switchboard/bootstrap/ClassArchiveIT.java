package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class archive (AppCDS) only ever speeds a start up: a broken, stale or missing
 * archive leaves the program starting as usual, and says nothing about it.
 */
class ClassArchiveIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aBrokenArchiveNeverStopsAStart() throws Exception {
        Path garbage = dir.resolve("broken.jsa");
        byte[] bytes = new byte[64 * 1024];
        new Random(7).nextBytes(bytes);
        Files.write(garbage, bytes);
        startsQuietly(Map.of("SWITCHBOARD_CDS_ARCHIVE", garbage.toString()));
    }

    @Test
    void aMissingArchiveNeverStopsAStart() throws Exception {
        startsQuietly(Map.of("SWITCHBOARD_CDS_ARCHIVE", dir.resolve("none.jsa").toString()));
    }

    @Test
    void theLauncherMakesAnArchiveForItsJarAndStartsWithIt() throws Exception {
        startsQuietly(Map.of());
        Path runs = Launcher.home().resolve("bootstrap/target/run");
        // made in the background by the first start of this jar
        await().atMost(Duration.ofMinutes(4)).until(() -> {
            try (Stream<Path> files = Files.list(runs)) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"));
            }
        });
        startsQuietly(Map.of());
    }

    private void startsQuietly(Map<String, String> env) throws Exception {
        try (Launcher server = Launcher.start(dir, env, "metrics-server", "--port", "0")) {
            assertThat(server.awaitListening("metrics", START)).isPositive();
            assertThat(server.terminate(Duration.ofSeconds(10))).isZero();
            String all = String.join("\n", server.stdoutLines()) + "\n" + String.join("\n", server.stderrLines());
            assertThat(all).doesNotContainIgnoringCase("cds").doesNotContainIgnoringCase("shared archive")
                    .doesNotContain("[warning]").doesNotContain("[error]");
        }
    }
}
