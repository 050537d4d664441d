package dev.switchboard.adapter.in.tcp.graphite.codec;

import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.split;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.concat;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness;
import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import dev.switchboard.domain.metrics.MetricBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the carbon decoder, the one MINA decoder a listener still runs (the graphite
 * port): whatever bytes arrive, in whatever pieces, it yields the same points and the same count
 * of dropped lines as the stream read whole, never an exception, never more than one line held;
 * valid lines come out exactly; an over-long line is dropped once and the connection read on.
 */
class CarbonDecoderPropertiesTest {

    private static final int MAX = CarbonCodecFactory.MAX_LINE_BYTES;
    private static final long NOW = 1_700_000_000L;

    private static DecoderHarness harness() {
        // a partial line is at most the limit plus a CR; past that the decoder skips to the line end
        return new DecoderHarness(new CarbonCodecFactory(() -> NOW), MAX + 2L);
    }

    record Stream(byte[] bytes, List<Integer> reads) {
    }

    record Point(String key, double value, long timestamp) {
    }

    record Read(List<Point> points, int dropped) {
    }

    private static Read collect(List<Object> out) {
        List<Point> points = new ArrayList<>();
        int dropped = 0;
        for (Object message : out) {
            assertThat(message).isInstanceOf(CarbonRead.class);
            CarbonRead read = (CarbonRead) message;
            MetricBatch batch = read.points();
            for (int i = 0; i < batch.size(); i++) {
                points.add(new Point(batch.key(i).value(), batch.value(i), batch.timestamp(i)));
            }
            dropped += read.invalid();
        }
        return new Read(points, dropped);
    }

    /** Bytes that are often nearly carbon lines; one time in ten a stream past the line limit. */
    static Stream junk(Random random) {
        byte[] bytes = random.nextInt(10) == 0
                ? Gen.bytesWith(random, 3 * MAX, (byte) '\n', (byte) ' ')
                : Gen.bytesWith(random, 2048, (byte) '\n', (byte) '\r', (byte) ' ', (byte) '.', (byte) '1', (byte) 'a');
        return new Stream(bytes, Gen.readSizes(random));
    }

    @Test
    void anyBytesInAnyPieces_giveWhatTheWholeStreamGives_withoutException() {
        Fuzz.forAll(1000, CarbonDecoderPropertiesTest::junk, in -> {
            Read whole = collect(harness().feedAndClose(List.of(in.bytes())));
            Read pieces = collect(harness().feedAndClose(split(in.bytes(), in.reads())));

            assertThat(pieces).isEqualTo(whole);
        });
    }

    record Lines(List<Point> points, boolean crlf, List<Integer> reads) {
    }

    static Lines lines(Random random) {
        List<Point> points = Gen.listOf(random, 30, r -> new Point(
                Gen.oneOf(r, "web", "db", "collectd.host") + "." + (char) ('a' + r.nextInt(26)) + r.nextInt(100),
                r.nextInt(2_000_000) / 100.0 - 10_000, 1 + r.nextInt(2_000_000_000)));
        return new Lines(points, random.nextBoolean(), Gen.readSizes(random));
    }

    @Test
    void validLinesInAnyPieces_areReadExactly() {
        Fuzz.forAll(1000, CarbonDecoderPropertiesTest::lines, in -> {
            StringBuilder stream = new StringBuilder();
            for (Point p : in.points()) {
                stream.append(p.key()).append(' ').append(p.value()).append(' ').append(p.timestamp())
                        .append(in.crlf() ? "\r\n" : "\n");
            }

            Read read = collect(harness().feed(split(utf8(stream.toString()), in.reads())));

            assertThat(read).isEqualTo(new Read(in.points(), 0));
        });
    }

    record Over(int over, List<Integer> reads) {
    }

    @Test
    void aLineOverTheLimit_isDroppedOnce_andTheLinesAfterItAreRead() {
        Fuzz.forAll(200, r -> new Over(1 + Gen.size(r, 3 * MAX), Gen.readSizes(r)), in -> {
            byte[] line = new byte[MAX + in.over()];
            Arrays.fill(line, (byte) 'x');
            byte[] stream = concat(utf8("before.load 1.5 100\n"), line, utf8("\nafter.load 2.5 200\n"));

            Read read = collect(harness().feed(split(stream, in.reads())));

            assertThat(read).isEqualTo(new Read(
                    List.of(new Point("before.load", 1.5, 100), new Point("after.load", 2.5, 200)), 1));
        });
    }

    @Test
    void notUtf8OrNotANumber_isOneDroppedLine_andTheNextLineIsRead() {
        Fuzz.forAll(500, r -> new Stream(Gen.oneOf(r,
                concat(utf8("a.b "), Gen.notUtf8(r), utf8(" 100")),
                utf8("a.b " + Gen.oneOf(r, "nan", "x", "1.2.3", "", "1e") + " 100"),
                utf8("a.b 1 " + Gen.oneOf(r, "x", "1.5.5", ""))), Gen.readSizes(r)), in -> {
            byte[] stream = concat(in.bytes(), utf8("\nnext.load 7 105\n"));

            Read read = collect(harness().feed(split(stream, in.reads())));

            assertThat(read).isEqualTo(new Read(List.of(new Point("next.load", 7, 105)), 1));
        });
    }
}
