package dev.switchboard.bootstrap.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.bootstrap.Launched;
import dev.switchboard.bootstrap.Launcher;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the launcher: {@code collector-sink} on a free port and {@code collector}
 * shipping to it every second with two-second files. The sink is stopped for a while and
 * started again on the same port; at the end every period from the first shipped to the last
 * arrived exactly once, with every record whole.
 */
class CollectorIT {

    private static final Pattern LISTENING = Pattern.compile("sink listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SHIPPED = Pattern.compile("shipped (\\d+\\.dat) \\((\\d+) bytes\\)");
    private static final Pattern RECEIVED = Pattern.compile("sink: received (\\d+\\.dat) \\((\\d+) bytes\\)");

    @TempDir
    Path work;

    @RegisterExtension
    final Launched launched = new Launched();

    private Launcher launch(String... args) {
        return launched.start(work, args);
    }

    private static List<String> matches(List<String> lines, Pattern pattern) {
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    private int startSink(String port, List<Launcher> sinks) throws IOException {
        Launcher sink = launch("collector-sink", "--port", port);
        sinks.add(sink);
        await().atMost(Duration.ofSeconds(30)).until(() -> !matches(sink.stdoutLines(), LISTENING).isEmpty());
        return Integer.parseInt(matches(sink.stdoutLines(), LISTENING).get(0));
    }

    private long readyFiles(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            return names.stream().filter(n -> n.endsWith(".dat") && !names.contains(n + ".lock")).count();
        }
    }

    @Test
    void samplesSurviveASinkOutage_andEveryPeriodArrivesExactlyOnce() throws Exception {
        Path spool = work.resolve("spool");
        Path logs = work.resolve("logs");
        List<Launcher> sinks = new ArrayList<>();
        int port = startSink("0", sinks);

        Launcher collector = launch("collector", "--tmp-persist-dir", spool.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--rotate", "2", "--dist-interval", "1", "--sample-period", "100",
                "--log-dir", logs.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> matches(collector.stderrLines(), SHIPPED).size() >= 2);

        assertThat(sinks.get(0).terminate(Duration.ofSeconds(10))).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                collector.stderrLines().stream().anyMatch(l -> l.contains("left for the next run")) && readyFiles(spool) >= 2);
        int shippedBeforeComeback = matches(collector.stderrLines(), SHIPPED).size();

        startSink(Integer.toString(port), sinks);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                matches(collector.stderrLines(), SHIPPED).size() >= shippedBeforeComeback + 3 && readyFiles(spool) == 0);
        assertThat(collector.terminate(Duration.ofSeconds(10))).isZero();
        assertThat(sinks.get(1).terminate(Duration.ofSeconds(10))).isZero();

        List<String> shipped = matches(collector.stderrLines(), SHIPPED);
        List<String> received = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (Launcher sink : sinks) {
            received.addAll(matches(sink.stderrLines(), RECEIVED));
            sink.stdoutLines().stream().filter(l -> !l.contains("listening") && !l.startsWith("admin")).forEach(records::add);
        }
        // every shipped file was received exactly once, and nothing else was
        assertThat(received).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(shipped);
        // no period is missing between the first and the last shipped (a sample every ~100 ms fills each)
        TreeSet<Long> periods = new TreeSet<>();
        shipped.forEach(name -> periods.add(Long.parseLong(name.substring(0, name.length() - ".dat".length()))));
        assertThat(periods).hasSize((int) (periods.last() - periods.first() + 1));
        // every printed record is whole, unique, and belongs to one of the shipped periods
        Set<Long> seen = new HashSet<>();
        for (String record : records) {
            Sample sample = Sample.parse(record);
            assertThat(seen.add(sample.epochNanos())).as("record printed once: %s", record).isTrue();
            assertThat(periods).contains(Rotation.ofSeconds(2).periodAt(sample.instant()).number());
        }
        assertThat(records.size()).isGreaterThan(periods.size() * 5);
        // no stack traces anywhere, and the log directory got the same lines
        for (Launcher l : launched.all()) {
            assertThat(l.stderrLines()).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception:"));
        }
        assertThat(Files.readString(logs.resolve("collector.log"))).contains("collector started").contains("shipped ");
    }

    @Test
    void staleLocksLeftByACrashAreRemovedAtStart_andTheirFilesShipped() throws Exception {
        Path spool = Files.createDirectories(work.resolve("spool"));
        Files.writeString(spool.resolve("100.dat"), "4 200000000000\n");
        Files.createFile(spool.resolve("100.dat.lock"));
        Files.writeString(spool.resolve("keep.txt"), "not ours\n");
        List<Launcher> sinks = new ArrayList<>();
        int port = startSink("0", sinks);

        Launcher collector = launch("collector", "--tmp-persist-dir", spool.toString(), "--port",
                Integer.toString(port), "--rotate", "2", "--dist-interval", "1", "--sample-period", "500");

        await().atMost(Duration.ofSeconds(30)).until(() -> matches(collector.stderrLines(), SHIPPED).contains("100.dat"));
        assertThat(collector.stderrLines()).anyMatch(l -> l.contains("removed stale lock 100.dat.lock"));
        assertThat(collector.terminate(Duration.ofSeconds(10))).isZero();
        assertThat(sinks.get(0).terminate(Duration.ofSeconds(10))).isZero();
        assertThat(sinks.get(0).stdoutLines()).contains("4 200000000000");
        assertThat(spool.resolve("100.dat")).doesNotExist();
        assertThat(spool.resolve("keep.txt")).exists();
    }

    @Test
    void badUsage_exits2AndNamesTheOption() throws Exception {
        Launcher missing = launch("collector", "--port", "1080");
        Launcher badRotate = launch("collector", "--tmp-persist-dir", "x", "--rotate", "zero");

        assertThat(missing.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
        assertThat(badRotate.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> String.join("\n", missing.stderrLines()).contains("--tmp-persist-dir"));
        await().atMost(Duration.ofSeconds(5)).until(() -> String.join("\n", badRotate.stderrLines()).contains("--rotate"));
    }
}
