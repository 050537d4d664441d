package dev.switchboard.adapter.in.tcp.metrics;

import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.split;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.concat;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import dev.switchboard.adapter.in.tcp.common.pipeline.LinePipeline;
import dev.switchboard.adapter.in.tcp.common.pipeline.PipelineHarness;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.adapter.tcp.metrics.protocol.MetricsRequest;
import dev.switchboard.adapter.tcp.metrics.protocol.MetricsResponse;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsRequestKind;
import dev.switchboard.application.service.metrics.MetricsService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.mina.core.service.IoHandler;
import org.junit.jupiter.api.Test;

/**
 * Properties of what the metrics server really runs: the {@link LinePipeline} with
 * {@link MetricsPipeline} over an in-memory store, fed as MINA feeds it (each read a separate
 * buffer, {@link PipelineHarness}). Whatever bytes arrive, in whatever pieces, the answers are
 * those of the same stream read whole, every answer is one of the protocol's, nothing escapes
 * the pipeline, and it never keeps more than one line (64 KiB and a CR) between reads.
 */
class MetricsPipelinePropertiesTest {

    private static final int MAX = MetricsRequest.MAX_LINE_BYTES;
    private static final long MAX_CARRY = MAX + 1L;
    private static final String OK = MetricsResponse.OK;
    private static final String WRONG = MetricsResponse.WRONG_COMMAND;

    private static IoHandler pipeline() {
        MetricsService service = new MetricsService(new MetricsServerSocketTest.MapStore());
        MicrometerTelemetry telemetry = MicrometerTelemetry.detached("metrics", MetricsRequestKind.class,
                MetricsErrorKind.class, ConnectionErrorKind.class);
        // gets run on the calling thread: every answer is settled when its read has been handled
        return new LinePipeline<>(new MetricsPipeline(service, service, Runnable::run, telemetry), MAX);
    }

    record Stream(byte[] bytes, List<Integer> reads, long slices) {
    }

    private static String request(Random r) {
        String key = Gen.oneOf(r, "a", "a.b", "cpu.load", "k" + r.nextInt(5), "mañana", "*");
        return switch (r.nextInt(4)) {
            case 0 -> "get " + key;
            case 1 -> "put " + key + " " + (r.nextInt(2001) - 1000) / 4.0 + " " + r.nextInt(1_000_000);
            case 2 -> "put " + key + " " + Gen.oneOf(r, "nan", "inf", "-0", "1e309", "x", "") + " " + r.nextLong();
            default -> "put " + key + " " + r.nextInt(100) + " " + r.nextInt(100);
        };
    }

    /** Requests, junk, lines that are not UTF-8, CRLF, and one time in ten a line past the limit. */
    static Stream mixed(Random r) {
        List<byte[]> parts = new ArrayList<>();
        int n = Gen.size(r, 40);
        for (int i = 0; i < n; i++) {
            parts.add(switch (r.nextInt(6)) {
                case 0 -> Gen.bytesWith(r, 300, (byte) '\n', (byte) '\r', (byte) ' ');
                case 1 -> concat(utf8("put "), Gen.textWithNotUtf8(r, 10, "\n"), utf8(" 1 1\n"));
                case 2 -> utf8(request(r) + "\r\n");
                default -> utf8(request(r) + "\n");
            });
        }
        Gen.sometimesALongLine(r, parts, MAX);
        return new Stream(concat(parts), Gen.readSizes(r), r.nextLong());
    }

    @Test
    void anyBytesInAnyPieces_answerAsTheStreamReadWhole_withTheProtocolsAnswersOnly() {
        Fuzz.forAll(300, MetricsPipelinePropertiesTest::mixed, in -> {
            PipelineHarness.Fed fed = PipelineHarness.sameWholeAndInPieces(MetricsPipelinePropertiesTest::pipeline,
                    MAX_CARRY, in.bytes(), split(in.bytes(), in.reads()), new Random(in.slices()));

            for (String answer : answers(fed.out())) {
                assertThat(answer).matches("(?s)(ok\n.*|error\n(wrong command|storage failed)\n)\n");
            }
        });
    }

    @Test
    void randomBytesInAnyPieces_neverEscapeThePipeline() {
        Fuzz.forAll(200, r -> new Stream(r.nextInt(10) == 0 ? Gen.bytesWith(r, 3 * MAX, (byte) '\n')
                : Gen.bytesWith(r, 4096, (byte) '\n', (byte) '\r', (byte) ' '), Gen.readSizes(r), r.nextLong()), in -> {
            PipelineHarness.Fed fed = PipelineHarness.sameWholeAndInPieces(MetricsPipelinePropertiesTest::pipeline,
                    MAX_CARRY, in.bytes(), split(in.bytes(), in.reads()), new Random(in.slices()));

            for (String answer : answers(fed.out())) {
                assertThat(answer).matches("(?s)(ok\n.*|error\nwrong command\n)\n");
            }
        });
    }

    record Requests(List<String> lines, List<Integer> reads, long slices) {
    }

    @Test
    void validRequestsInAnyPieces_getOneAnswerEach_inOrder() {
        Fuzz.forAll(300, r -> new Requests(Gen.listOf(r, 60, w -> "put k" + w.nextInt(3) + " " + w.nextInt(100) + " "
                + w.nextInt(1000)), Gen.readSizes(r), r.nextLong()), in -> {
            List<String> lines = new ArrayList<>(in.lines());
            lines.add("get *");
            byte[] stream = utf8(String.join("\n", lines) + "\n");

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            List<String> answers = answers(fed.out());
            assertThat(answers).hasSize(lines.size());
            assertThat(answers.subList(0, in.lines().size())).allSatisfy(a -> assertThat(a).isEqualTo(OK));
            // the get sees every put before it: one point per distinct key and timestamp
            long points = in.lines().stream().map(l -> l.split(" ")).map(f -> f[1] + " " + f[3]).distinct().count();
            assertThat(answers.get(answers.size() - 1).lines().filter(l -> l.startsWith("k")).count()).isEqualTo(points);
            assertThat(fed.closed()).isFalse();
        });
    }

    record Flood(int points, int gets, List<Integer> reads, long slices) {
    }

    /**
     * Gets whose answers pass the connection's 4 MiB bound within a few reads: the pipeline must stop
     * taking lines (and reading), keep the rest, take it once the answers were written, and answer
     * exactly as when the stream is read whole.
     */
    @Test
    void answersPastTheBound_pauseThePipeline_andTheKeptLinesAreAnsweredInOrder() {
        // reads of a few KiB to 64 KiB, as MINA's read buffer grows: enough gets in one read to pass the bound
        Fuzz.forAll(3, r -> new Flood(1200 + r.nextInt(300), 220 + r.nextInt(60),
                Gen.listOf(r, 4, w -> 2048 + w.nextInt(63 * 1024)), r.nextLong()), in -> {
            StringBuilder stream = new StringBuilder();
            for (int i = 0; i < in.points(); i++) {
                stream.append("put flood.key ").append(i % 97).append(' ').append(1_000_000 + i).append('\n');
            }
            stream.append("get flood.key\n".repeat(in.gets())).append("put z 1 1\nget z\n");
            byte[] bytes = utf8(stream.toString());

            PipelineHarness.Fed fed = PipelineHarness.sameWholeAndInPieces(MetricsPipelinePropertiesTest::pipeline,
                    MAX_CARRY + 70_000, bytes, split(bytes, in.reads()), new Random(in.slices()));

            List<String> answers = answers(fed.out());
            assertThat(answers).hasSize(in.points() + in.gets() + 2);
            assertThat(answers.get(answers.size() - 1)).isEqualTo("ok\nz 1.0 1\n\n");
            assertThat(fed.suspendedReads()).as("the bound was reached").isPositive();
        });
    }

    @Test
    void aLineOverTheLimit_isAnsweredAfterTheLinesBeforeIt_thenTheConnectionCloses() {
        Fuzz.forAll(100, Gen::overLimit, in -> {
            byte[] line = new byte[MAX + in.over()];
            Arrays.fill(line, (byte) 'x');
            byte[] stream = concat(utf8("put a 1 1\n".repeat(in.before())), line,
                    utf8(in.terminated() ? "\nput a 2 2\nget a\n" : ""));

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            List<String> expected = new ArrayList<>(java.util.Collections.nCopies(in.before(), OK));
            expected.add(WRONG);
            assertThat(answers(fed.out())).isEqualTo(expected);
            assertThat(fed.closed()).isTrue();
        });
    }

    @Test
    void aLineAtTheLimit_isALine() {
        Fuzz.forAll(40, r -> new Gen.OverLimit(0, r.nextInt(4), r.nextBoolean(), Gen.readSizes(r), r.nextLong()), in -> {
            String key = "k".repeat(MAX - in.over() - "put  1 1".length());
            byte[] stream = utf8("put " + key + " 1 1" + (in.terminated() ? "\r\n" : "\n") + "get " + key + "\n");

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            assertThat(answers(fed.out())).containsExactly(OK, "ok\n" + key + " 1.0 1\n\n");
            assertThat(fed.closed()).isFalse();
        });
    }

    @Test
    void aLineThatIsNotUtf8_isTheProtocolsError_andTheNextLineIsReadAsUsual() {
        Fuzz.forAll(200, r -> new Stream(Gen.textWithNotUtf8(r, 50, "\n\r"), Gen.readSizes(r), r.nextLong()), in -> {
            byte[] stream = concat(utf8("put "), in.bytes(), utf8(" 1 1\nput x 1 1\nget x\n"));

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            assertThat(answers(fed.out())).containsExactly(WRONG, OK, "ok\nx 1.0 1\n\n");
        });
    }

    /** The answers, each ending in its empty line. */
    private static List<String> answers(byte[] out) {
        String text = new String(out, StandardCharsets.UTF_8);
        List<String> answers = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf("\n\n", at);
            assertThat(end).as("every answer ends with an empty line: %s", text.substring(at)).isGreaterThanOrEqualTo(0);
            answers.add(text.substring(at, end + 2));
            at = end + 2;
        }
        return answers;
    }
}
