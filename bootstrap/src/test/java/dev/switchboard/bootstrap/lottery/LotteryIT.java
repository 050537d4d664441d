package dev.switchboard.bootstrap.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the launcher: {@code ./switchboard lottery-server} with H2 and five
 * {@code ./switchboard lottery-agency} processes at once on the real files, three in the text
 * dialect and two in the binary one.
 */
class LotteryIT {

    private static final Pattern LISTENING = Pattern.compile("^(lottery|lottery-binary) listening on 127\\.0\\.0\\.1:(\\d+)$");
    private static final Pattern WINNERS_LOGGED =
            Pattern.compile("action: consulta_ganadores \\| result: success \\| cant_ganadores: (\\d+)$");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    private Process launch(Path stdout, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("switchboard.home"), "switchboard").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        started.add(p);
        return p;
    }

    @Test
    void serverAndFiveAgencyProcesses_drawOnce_andEachAgencyLogsItsWinners() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        LotteryDataset.unzip(data);
        ProcessBuilder serverBuilder = new ProcessBuilder(Path.of(System.getProperty("switchboard.home"), "switchboard").toString(),
                "lottery-server", "--port", "0", "--binary-port", "0", "--agencies", "5",
                "--storage", "h2", "--db", dir.resolve("db/switchboard").toString())
                .redirectError(dir.resolve("server.err").toFile());
        Process server = serverBuilder.start();
        started.add(server);
        int textPort = 0;
        int binaryPort = 0;
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        while (textPort == 0 || binaryPort == 0) {
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            assertThat(line).as("server output ended before it listened").isNotNull();
            Matcher m = LISTENING.matcher(line);
            if (m.matches()) {
                if (m.group(1).equals("lottery")) {
                    textPort = Integer.parseInt(m.group(2));
                } else {
                    binaryPort = Integer.parseInt(m.group(2));
                }
            }
        }

        List<Process> agencies = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            boolean binary = i >= 4;
            agencies.add(launch(dir.resolve("agency-" + i + ".out"), dir.resolve("agency-" + i + ".err"),
                    "lottery-agency", "--id", String.valueOf(i),
                    "--file", LotteryDataset.file(data, i).toString(),
                    "--server", "127.0.0.1:" + (binary ? binaryPort : textPort),
                    "--dialect", binary ? "binary" : "text"));
        }
        for (int i = 1; i <= 5; i++) {
            Process agency = agencies.get(i - 1);
            assertThat(agency.waitFor(120, TimeUnit.SECONDS)).as("agency %d finished", i).isTrue();
            String err = Files.readString(dir.resolve("agency-" + i + ".err"));
            assertThat(agency.exitValue()).as("agency %d exit; stderr: %s", i, err).isZero();
            List<Integer> expected = LotteryDataset.winnersIn(LotteryDataset.file(data, i), 7574);
            Matcher logged = WINNERS_LOGGED.matcher(err.strip());
            assertThat(logged.find()).as("agency %d logs its winners: %s", i, err).isTrue();
            assertThat(Integer.parseInt(logged.group(1))).isEqualTo(expected.size());
            String summary = Files.readString(dir.resolve("agency-" + i + ".out"));
            for (int document : expected) {
                assertThat(summary).contains(String.valueOf(document));
            }
        }

        server.destroy(); // SIGTERM: an orderly stop
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        String serverLog = Files.readString(dir.resolve("server.err"));
        assertThat(serverLog.lines().filter(l -> l.endsWith("action: sorteo | result: success"))).hasSize(1);
        assertThat(serverLog.lines().filter(l -> l.contains("apuesta_recibida | result: success"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum())
                .isEqualTo(LotteryDataset.TOTAL_BETS);
        assertThat(serverLog).doesNotContain("result: fail").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
