package dev.switchboard.bootstrap.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.bootstrap.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database the node cannot use makes the role exit 1 with one line that says why: no stack
 * trace, nothing started.
 */
class DatabaseUnusableIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static void assertOneClearLine(Launcher.Result result, String expected) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.err()).as(result.stderr()).hasSize(1);
        assertThat(result.err().get(0)).startsWith("switchboard metrics-server: ").contains(expected);
        assertThat(result.stdout()).doesNotContain("listening on");
    }

    @Test
    void anH2FileAnotherRunningServerHolds_isOneLineAndExit1() throws Exception {
        String db = dir.resolve("data/shared").toString();
        try (Launcher first = Launcher.start(dir, "metrics-server", "--port", "0", "--storage", "h2", "--db", db)) {
            first.awaitListening("metrics", START);

            Launcher.Result second = Launcher.run(dir, START, "metrics-server", "--port", "0", "--storage", "h2", "--db", db);

            assertOneClearLine(second, "is in use by another process");
            assertThat(first.terminate(Duration.ofSeconds(10))).isZero();
        }
    }

    @Test
    void aReadOnlyH2File_isOneLineAndExit1() throws Exception {
        String db = dir.resolve("data/ro").toString();
        try (Launcher make = Launcher.start(dir, "metrics-server", "--port", "0", "--storage", "h2", "--db", db)) {
            make.awaitListening("metrics", START);
            assertThat(make.terminate(Duration.ofSeconds(10))).isZero();
        }
        Path file = Path.of(db + ".mv.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        boolean immutable = false;
        if (Files.isWritable(file)) {
            // root writes through file modes; the immutable attribute stops it too
            immutable = chattr("+i", file);
        }
        try {
            assumeTrue(!Files.isWritable(file), "cannot make " + file + " read-only here (root, and no chattr +i)");

            Launcher.Result result = Launcher.run(dir, START, "metrics-server", "--port", "0", "--storage", "h2", "--db", db);

            assertOneClearLine(result, "is read-only");
        } finally {
            if (immutable) {
                chattr("-i", file);
            }
        }
    }

    @Test
    void aDatabaseOpenedReadOnly_isOneLineAndExit1() throws Exception {
        String db = dir.resolve("data/mode").toString();
        try (Launcher make = Launcher.start(dir, "metrics-server", "--port", "0", "--storage", "h2", "--db", db)) {
            make.awaitListening("metrics", START);
            assertThat(make.terminate(Duration.ofSeconds(10))).isZero();
        }

        Launcher.Result result = Launcher.run(dir, START, "metrics-server", "--port", "0", "--storage", "jdbc",
                "--jdbc-url", "jdbc:h2:file:" + db + ";ACCESS_MODE_DATA=r", "--jdbc-user", "sa");

        assertOneClearLine(result, "is read-only");
    }

    @Test
    void aPostgresqlThatIsNotThere_isOneLineAndExit1() throws Exception {
        int nobody = Launcher.freePort();

        Launcher.Result result = Launcher.run(dir, START, "metrics-server", "--port", "0", "--storage", "jdbc",
                "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + nobody + "/switchboard");

        assertOneClearLine(result, "cannot open the database jdbc:postgresql://127.0.0.1:" + nobody + "/switchboard");
    }

    private static boolean chattr(String flag, Path file) {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
