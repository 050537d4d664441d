package dev.switchboard.adapter.in.tcp.metrics.codec;

import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.describeAll;
import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.split;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.concat;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.codec.DecodedLine;
import dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness;
import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import dev.switchboard.adapter.in.tcp.common.codec.TextLineCodecFactory;
import dev.switchboard.adapter.tcp.metrics.protocol.MetricsRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the metrics decoder (lines of at most 64 KiB) and of the request parser behind
 * it: whatever bytes arrive, in whatever pieces, the decoder yields lines or the protocol's
 * errors (never an exception, never more than one line held), and the parser answers every line.
 */
class MetricsDecoderPropertiesTest {

    private static final int MAX = MetricsProtocolCodecFactory.MAX_LINE_BYTES;

    private static DecoderHarness harness() {
        // a partial line is at most the limit plus a CR
        return new DecoderHarness(MetricsProtocolCodecFactory.create(), MAX + 2L);
    }

    record Stream(byte[] bytes, List<Integer> reads) {
    }

    record Lines(List<String> lines, boolean crlf, int cutPercent, List<Integer> reads) {
    }

    /** Random bytes, line ends often; one time in ten a stream past the line limit. */
    static Stream junk(Random random) {
        byte[] bytes = random.nextInt(10) == 0
                ? Gen.bytesWith(random, 3 * MAX, (byte) '\n')
                : Gen.bytesWith(random, 2048, (byte) '\n', (byte) '\r', (byte) ' ');
        if (random.nextInt(4) == 0) {
            // and some streams with no line end at all
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = bytes[i] == '\n' ? (byte) 'n' : bytes[i];
            }
        }
        return new Stream(bytes, Gen.readSizes(random));
    }

    static Lines lines(Random random) {
        return new Lines(Gen.listOf(random, 20, r -> Gen.text(r, 300, "\n\r")), random.nextBoolean(), random.nextInt(101),
                Gen.readSizes(random));
    }

    @Test
    void anyBytesInAnyPieces_decodeIntoLinesOrErrors_withoutException() {
        Fuzz.forAll(1000, MetricsDecoderPropertiesTest::junk, in -> {
            List<Object> out = harness().feedAndClose(split(in.bytes(), in.reads()));

            assertThat(out).allSatisfy(m -> assertThat(m).isInstanceOf(DecodedLine.class));
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i) instanceof DecodedLine.Text text) {
                    assertThat(MetricsRequest.parse(text.text())).isNotNull();
                }
                // nothing after a line that was too long: the connection is closing
                assertThat(i == out.size() - 1 || !(out.get(i) instanceof DecodedLine.TooLong)).as("TooLong is last").isTrue();
            }
        });
    }

    @Test
    void validLinesInAnyPieces_areDecodedExactly() {
        Fuzz.forAll(1000, MetricsDecoderPropertiesTest::lines, in -> {
            String end = in.crlf() ? "\r\n" : "\n";
            StringBuilder stream = new StringBuilder();
            in.lines().forEach(line -> stream.append(line).append(end));

            List<Object> out = harness().feed(split(utf8(stream.toString()), in.reads()));

            assertThat(describeAll(out)).isEqualTo(describeAll(texts(in.lines())));
        });
    }

    @Test
    void aStreamCutShort_yieldsExactlyTheLinesThatEndedBeforeTheCut() {
        Fuzz.forAll(1000, MetricsDecoderPropertiesTest::lines, in -> {
            List<byte[]> lines = in.lines().stream().map(l -> utf8(l + "\n")).toList();
            byte[] stream = concat(lines);
            int cut = stream.length * in.cutPercent() / 100;

            List<Object> out = harness().feedAndClose(split(Arrays.copyOf(stream, cut), in.reads()));

            List<String> whole = new ArrayList<>();
            int at = 0;
            for (int i = 0; i < lines.size(); i++) {
                at += lines.get(i).length;
                if (at <= cut) {
                    whole.add(in.lines().get(i));
                }
            }
            assertThat(describeAll(out)).isEqualTo(describeAll(texts(whole)));
        });
    }

    @Test
    void notUtf8_isThatLinesError_andTheNextLineIsReadAsUsual() {
        Fuzz.forAll(500, r -> new Stream(Gen.textWithNotUtf8(r, 50, "\n\r"), Gen.readSizes(r)), in -> {
            byte[] stream = concat(in.bytes(), utf8("\nget palm.cpu\n"));

            List<Object> out = harness().feed(split(stream, in.reads()));

            assertThat(out).containsExactly(new DecodedLine.Malformed(in.bytes().length), new DecodedLine.Text("get palm.cpu"));
        });
    }

    record Over(int over, boolean terminated, List<Integer> reads) {
    }

    @Test
    void aLineOverTheLimit_isOneError_andNothingAfterItIsRead() {
        // unterminated, one byte over may still be a CR before its line end: two over is surely too long
        Fuzz.forAll(200, r -> {
            boolean terminated = r.nextBoolean();
            return new Over((terminated ? 1 : 2) + Gen.size(r, 5000), terminated, Gen.readSizes(r));
        }, in -> {
            byte[] line = new byte[MAX + in.over()];
            Arrays.fill(line, (byte) 'x');
            byte[] stream = concat(utf8("get before\n"), line, utf8(in.terminated() ? "\nget after\n" : ""));

            List<Object> out = harness().feedAndClose(split(stream, in.reads()));

            assertThat(out).containsExactly(new DecodedLine.Text("get before"), new DecodedLine.TooLong(MAX));
        });
    }

    @Test
    void aLineAtTheLimit_isALine() {
        Fuzz.forAll(200, r -> new Over(r.nextInt(4), r.nextBoolean(), Gen.readSizes(r)), in -> {
            String line = "x".repeat(MAX - in.over());
            byte[] stream = utf8(line + (in.terminated() ? "\r\n" : "\n") + "get after\n");

            List<Object> out = harness().feed(split(stream, in.reads()));

            assertThat(out).containsExactly(new DecodedLine.Text(line), new DecodedLine.Text("get after"));
        });
    }

    record Limited(int limit, List<byte[]> lines, List<Integer> reads) {
    }

    /**
     * The line decoder at small limits, against a model: each line (without one trailing CR) up to
     * the limit is its text, or Malformed if not UTF-8; the first longer line is TooLong, and last.
     */
    @Test
    void atAnyLimit_theDecoderAgreesWithTheModel() {
        Fuzz.forAll(2000, r -> new Limited(1 + r.nextInt(40), Gen.listOf(r, 12, MetricsDecoderPropertiesTest::rawLine),
                Gen.readSizes(r)), in -> {
            byte[] stream = concat(in.lines().stream().map(l -> concat(l, new byte[] {'\n'})).toList());

            List<Object> out = new DecoderHarness(new TextLineCodecFactory(in.limit()), in.limit() + 2L)
                    .feedAndClose(split(stream, in.reads()));

            List<Object> model = new ArrayList<>();
            for (byte[] raw : in.lines()) {
                int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                if (length > in.limit()) {
                    model.add(new DecodedLine.TooLong(in.limit()));
                    break;
                }
                try {
                    model.add(new DecodedLine.Text(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw, 0, length)).toString()));
                } catch (CharacterCodingException e) {
                    model.add(new DecodedLine.Malformed(length));
                }
            }
            assertThat(describeAll(out)).isEqualTo(describeAll(model));
        });
    }

    private static byte[] rawLine(Random random) {
        switch (random.nextInt(10)) {
            case 0, 1:
                return Gen.textWithNotUtf8(random, 20, "\n");
            case 2, 3:
                return concat(utf8(Gen.text(random, 45, "\n")), new byte[] {'\r'});
            default:
                return utf8(Gen.text(random, 45, "\n"));
        }
    }

    /** The request parser answers any text without an exception. */
    @Test
    void theParserAnswersAnyLine() {
        String[] words = {"put", "get", "*", "nan", "NaN", "inf", "-inf", "Infinity", "1e308", "1e309", "-0", "0x10",
            "1_000", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1.5e-400", "١٢٣", "+", "-",
            ".", "e", "\u00a0", "\u2028", "\t", "", "1" + "0".repeat(400)};
        String[] spaces = {" ", "  ", "\t", " \u000b ", "\u3000", "\u0085", "\u001c", "\u00a0"};
        Fuzz.forAll(3000, r -> {
            List<String> line = Gen.listOf(r, 6, w -> switch (w.nextInt(4)) {
                case 0 -> String.valueOf(w.nextLong());
                case 1 -> String.valueOf(Double.longBitsToDouble(w.nextLong()));
                case 2 -> Gen.text(w, 12, "\n");
                default -> Gen.oneOf(w, words);
            });
            return String.join(Gen.oneOf(r, spaces), line);
        }, line -> assertThat(MetricsRequest.parse(line)).isNotNull());
    }

    record Put(String key, long timestamp, int value) {
    }

    @Test
    void aWellFormedPutIsReadExactly() {
        Fuzz.forAll(1000, r -> new Put(key(r), r.nextLong(), r.nextInt(2_000_001) - 1_000_000), in -> {
            MetricsRequest request = MetricsRequest.parse("put " + in.key() + " " + in.value() + " " + in.timestamp());

            assertThat(request).isInstanceOf(MetricsRequest.Put.class);
            MetricsRequest.Put put = (MetricsRequest.Put) request;
            assertThat(put.point().key().value()).isEqualTo(in.key());
            assertThat(put.point().timestamp()).isEqualTo(in.timestamp());
            assertThat(put.point().value()).isEqualTo(in.value());
        });
    }

    private static String key(Random random) {
        String key = Gen.text(random, 40, "").codePoints().filter(cp -> !Character.isWhitespace(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return key.isEmpty() || key.equals("*") ? "k" + key : key;
    }

    private static List<Object> texts(List<String> lines) {
        return lines.stream().map(l -> (Object) new DecodedLine.Text(l)).toList();
    }
}
