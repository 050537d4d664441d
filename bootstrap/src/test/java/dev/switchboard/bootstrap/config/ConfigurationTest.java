package dev.switchboard.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from the command line, the environment, a file and the defaults, through the real launcher code. */
class ConfigurationTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    @Test
    void eachSourceOverridesTheOneBeforeIt() throws IOException {
        assertThat(setting("port", "metrics-server", "--print-config")).isEqualTo("port 8888 (default)");

        Path file = config("# metrics on another port", "port = 1111");
        assertThat(setting("port", "metrics-server", "--config", file.toString(), "--print-config"))
                .isEqualTo("port 1111 (file " + file + " line 2)");

        env.put("SWITCHBOARD_PORT", "2222");
        assertThat(setting("port", "metrics-server", "--config", file.toString(), "--print-config"))
                .isEqualTo("port 2222 (environment SWITCHBOARD_PORT)");

        assertThat(setting("port", "metrics-server", "--config", file.toString(), "--port", "3333", "--print-config"))
                .isEqualTo("port 3333 (command line)");
    }

    @Test
    void theConfigFileItselfMayComeFromTheEnvironment() throws IOException {
        env.put("SWITCHBOARD_CONFIG", config("host=localhost").toString());
        assertThat(setting("host", "metrics-server", "--print-config")).startsWith("host localhost (file ");
    }

    @Test
    void anUnknownKeyIsBadUsageNamingTheKeyAndItsLine() throws IOException {
        Path file = config("port=1111", "", "metric-port=2222");
        Run run = run("metrics-server", "--config", file.toString());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("line 3: unknown key 'metric-port'").contains("usage: switchboard metrics-server");
    }

    @Test
    void optionsAboutTheCommandLineItselfAreNotFileKeys() throws IOException {
        Run run = run("metrics-server", "--config", config("config=other.properties").toString());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("line 1: unknown key 'config'");
    }

    @Test
    void aMissingFileIsBadUsage() {
        Run run = run("metrics-server", "--config", dir.resolve("nope.properties").toString());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--config: cannot read").contains("nope.properties");
    }

    @Test
    void aBadValueFromAFileIsBadUsageThatSaysWhereItCameFrom() throws IOException {
        Path file = config("port=eighty");
        Run run = run("metrics-server", "--config", file.toString());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--port takes a whole number, not 'eighty' (from file " + file + " line 1)");
    }

    @Test
    void flagsTakeTrueOrFalse() throws IOException {
        assertThat(setting("verbose", "metrics-server", "--config", config("verbose=true").toString(), "--print-config"))
                .startsWith("verbose true (file ");
        env.put("SWITCHBOARD_VERBOSE", "off");
        assertThat(setting("verbose", "metrics-server", "--print-config")).isEqualTo("verbose false (environment SWITCHBOARD_VERBOSE)");
        env.put("SWITCHBOARD_VERBOSE", "maybe");
        Run run = run("metrics-server", "--print-config");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--verbose (environment SWITCHBOARD_VERBOSE) takes true or false, not 'maybe'");
    }

    @Test
    void printConfigMasksTheAdminTokenFromEverySource() throws IOException {
        Run typed = run("serve", "--admin-token", "s3cret-typed", "--print-config");
        assertThat(typed.code).isZero();
        assertThat(typed.out).doesNotContain("s3cret").contains("admin-token");
        assertThat(line(typed.out, "admin-token")).contains("********").contains("(command line)");

        env.put("SWITCHBOARD_ADMIN_TOKEN", "s3cret-env");
        Run fromEnv = run("serve", "--print-config");
        assertThat(fromEnv.out).doesNotContain("s3cret");
        assertThat(line(fromEnv.out, "admin-token")).contains("********").contains("(environment SWITCHBOARD_ADMIN_TOKEN)");

        env.clear();
        Run fromFile = run("serve", "--config", config("admin-token=s3cret-file").toString(), "--print-config");
        assertThat(fromFile.out).doesNotContain("s3cret");
        assertThat(line(fromFile.out, "admin-token")).contains("********");
    }

    @Test
    void printConfigListsEveryOptionOfTheRoleOnce() {
        Run run = run("serve", "--print-config");
        assertThat(run.code).isZero();
        List<String> names = new ArrayList<>();
        for (String l : run.out.split("\n")) {
            if (!l.startsWith("#")) {
                names.add(l.split("\\s+")[0]);
            }
        }
        assertThat(names).doesNotHaveDuplicates()
                .contains("addr", "metrics-port", "tokens-port", "storage", "db", "admin-port", "admin-token-file", "verbose")
                .doesNotContain("help", "config", "print-config");
        assertThat(line(run.out, "admin-token-file")).endsWith("(not set)");
    }

    @Test
    void servesCollectorOptionsComeFromEverySourceLikeAnyOther() throws IOException {
        Path file = config("spool-dir = /var/spool/switchboard", "rotate = 5", "dist-interval = 9");
        env.put("SWITCHBOARD_DIST_INTERVAL", "2");
        env.put("SWITCHBOARD_COLLECTOR_TARGET", "127.0.0.1:1081");
        Run run = run("serve", "--config", file.toString(), "--sample-period", "100", "--print-config");
        assertThat(run.code).as(run.err).isZero();
        assertThat(line(run.out, "collector").replaceAll("\\s+", " ")).isEqualTo("collector on (default)");
        assertThat(line(run.out, "spool-dir").replaceAll("\\s+", " "))
                .isEqualTo("spool-dir /var/spool/switchboard (file " + file + " line 1)");
        assertThat(line(run.out, "rotate").replaceAll("\\s+", " ")).isEqualTo("rotate 5 (file " + file + " line 2)");
        assertThat(line(run.out, "dist-interval").replaceAll("\\s+", " "))
                .isEqualTo("dist-interval 2 (environment SWITCHBOARD_DIST_INTERVAL)");
        assertThat(line(run.out, "collector-target").replaceAll("\\s+", " "))
                .isEqualTo("collector-target 127.0.0.1:1081 (environment SWITCHBOARD_COLLECTOR_TARGET)");
        assertThat(line(run.out, "sample-period").replaceAll("\\s+", " ")).isEqualTo("sample-period 100 (command line)");
        assertThat(line(run.out, "uploads").replaceAll("\\s+", " ")).isEqualTo("uploads 4 (default)");
        assertThat(line(run.out, "timeout").replaceAll("\\s+", " ")).isEqualTo("timeout 10 (default)");
    }

    @Test
    void aBadCollectorSettingIsBadUsageNamingWhereItCameFrom() throws IOException {
        env.put("SWITCHBOARD_COLLECTOR", "maybe");
        Run mode = run("serve");
        assertThat(mode.code).isEqualTo(2);
        assertThat(mode.err).contains("--collector takes on or off, not 'maybe' (from environment SWITCHBOARD_COLLECTOR)");

        env.clear();
        Path file = config("collector-target = no-port-here");
        Run target = run("serve", "--config", file.toString());
        assertThat(target.code).isEqualTo(2);
        assertThat(target.err).contains("--collector-target takes HOST:PORT, not 'no-port-here' (from file " + file + " line 1)");

        Run rotate = run("serve", "--rotate", "0");
        assertThat(rotate.code).isEqualTo(2);
        assertThat(rotate.err).contains("--rotate must be between 1 and");
    }

    @Test
    void theShippedSampleIsAValidServeFile() {
        Path sample = Path.of("..", "docs", "samples", "serve.properties");
        Run run = run("serve", "--config", sample.toString(), "--print-config");
        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("(file " + sample + " line ");
    }

    @Test
    void fileSyntaxIsJavaProperties() throws Exception {
        ConfigFile file = ConfigFile.parse(Path.of("x"), String.join("\n",
                "# comment", "! also a comment", "a=1", "  b : two words  ", "c \\", "   continued", "d=caf\\u00e9", "e"));
        assertThat(file.entries()).containsExactly(
                new ConfigFile.Entry("a", "1", 3),
                new ConfigFile.Entry("b", "two words", 4),
                new ConfigFile.Entry("c", "continued", 5),
                new ConfigFile.Entry("d", "café", 7),
                new ConfigFile.Entry("e", "", 8));
    }

    @Test
    void environmentNamesAreTheLongOptionUpperCased() {
        assertThat(Configuration.envName("lottery-binary-port")).isEqualTo("SWITCHBOARD_LOTTERY_BINARY_PORT");
        assertThat(Configuration.isSecret("admin-token")).isTrue();
        assertThat(Configuration.isSecret("jdbc-password")).isTrue();
        assertThat(Configuration.isSecret("admin-token-file")).isFalse();
    }

    private Path config(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "switchboard", ".properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** One line of --print-config, whitespace collapsed: {@code name value (origin)}. */
    private String setting(String name, String... args) {
        Run run = run(args);
        assertThat(run.code).as(run.err).isZero();
        return line(run.out, name).replaceAll("\\s+", " ");
    }

    private static String line(String out, String name) {
        Optional<String> found = out.lines().filter(l -> l.startsWith(name + " ")).findFirst();
        assertThat(found).as("setting " + name + " in\n" + out).isPresent();
        return found.get().strip();
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }
}
