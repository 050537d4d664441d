package dev.switchboard.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchRoleTest {

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void benchMetricsLoadsAnInProcessServerAndPrintsItsFigures(String storage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "metrics", "--storage", storage, "--conns", "2", "--pipeline", "16",
                "--ops", "2000", "--secs", "60"}, new Console(new PrintStream(out, true), new PrintStream(err, true)));

        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(line).startsWith("bench metrics target=in-process/" + storage)
                .contains(" ops=2000 ", " errors=0 ").containsPattern("ops_per_sec=\\d+");
    }
}
