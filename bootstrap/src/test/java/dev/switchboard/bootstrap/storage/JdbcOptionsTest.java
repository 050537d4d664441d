package dev.switchboard.bootstrap.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcSettings;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.UsageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --storage jdbc} and its options: the password comes from a file or the environment, never an option. */
class JdbcOptionsTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/switchboard";

    @TempDir
    Path dir;

    private static ServerOptions parse(Map<String, String> env, String... args) throws Exception {
        Options options = ServerOptions.addTo(new Options(), 0);
        CommandLine line = DefaultParser.builder().get().parse(options, args);
        return ServerOptions.from(line, 0, env);
    }

    @Test
    void jdbcStorage_takesUrlUserAndThePasswordFromTheEnvironment() throws Exception {
        ServerOptions options = parse(Map.of(ServerOptions.PASSWORD_VARIABLE, "s3cret"),
                "--storage", "jdbc", "--jdbc-url", URL, "--jdbc-user", "sb");

        assertThat(options.storage()).isEqualTo(StorageKind.JDBC);
        JdbcSettings jdbc = options.jdbc().orElseThrow();
        assertThat(jdbc.url()).isEqualTo(URL);
        assertThat(jdbc.user()).contains("sb");
        assertThat(jdbc.password()).contains("s3cret");
        assertThat(jdbc.poolSize()).isEqualTo(JdbcSettings.DEFAULT_POOL_SIZE);
        assertThat(jdbc.toString()).doesNotContain("s3cret");
    }

    @Test
    void passwordFile_winsOverTheEnvironment_andLosesItsLineEnd() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\n", StandardCharsets.UTF_8);

        ServerOptions options = parse(Map.of(ServerOptions.PASSWORD_VARIABLE, "from-env"),
                "--storage", "jdbc", "--jdbc-url", URL, "--jdbc-password-file", file.toString(), "--jdbc-pool", "4");

        assertThat(options.jdbc().orElseThrow().password()).contains("from-file");
        assertThat(options.jdbc().orElseThrow().poolSize()).isEqualTo(4);
    }

    @Test
    void noPasswordAnywhere_isNoPassword() throws Exception {
        ServerOptions options = parse(Map.of(), "--storage", "jdbc", "--jdbc-url", URL);

        assertThat(options.jdbc().orElseThrow().password()).isEmpty();
        assertThat(options.jdbc().orElseThrow().user()).isEmpty();
    }

    @Test
    void thereIsNoPasswordOption() {
        assertThat(ServerOptions.addTo(new Options(), 0).getOptions())
                .noneMatch(o -> o.getLongOpt().equals("jdbc-password"));
    }

    @Test
    void badCombinations_areUsageErrorsThatSayWhatToDo() {
        assertThatThrownBy(() -> parse(Map.of(), "--storage", "jdbc"))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs --jdbc-url");
        assertThatThrownBy(() -> parse(Map.of(), "--storage", "jdbc", "--jdbc-url", "jdbc:mysql://h/db"))
                .isInstanceOf(UsageException.class).hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> parse(Map.of(), "--jdbc-url", URL))
                .isInstanceOf(UsageException.class).hasMessageContaining("--jdbc-url needs --storage jdbc");
        assertThatThrownBy(() -> parse(Map.of(), "--storage", "jdbc", "--jdbc-url", URL, "--db", "x"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--db names an H2 file");
        assertThatThrownBy(() -> parse(Map.of(), "--storage", "jdbc", "--jdbc-url", URL,
                "--jdbc-password-file", dir.resolve("missing").toString()))
                .isInstanceOf(UsageException.class).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> parse(Map.of(), "--storage", "oracle"))
                .isInstanceOf(UsageException.class).hasMessageContaining("memory, h2 or jdbc");
    }

    @Test
    void memoryAndH2_needNoJdbcSettings() throws Exception {
        assertThat(parse(Map.of()).jdbc()).isEqualTo(Optional.empty());
        assertThat(parse(Map.of(), "--storage", "h2", "--db", "x").jdbc()).isEmpty();
    }
}
