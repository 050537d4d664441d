package dev.switchboard.adapter.in.tcp.lottery.codec;

import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.describeAll;
import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.split;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.concat;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness;
import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import dev.switchboard.adapter.tcp.lottery.protocol.LotteryTextRequest;
import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the lottery's text-dialect decoder (8-byte length, UTF-8 body) and of the body
 * parser behind it: any bytes in any pieces give frames or the protocol's errors, never an
 * exception and never more than one frame held; a length over the limit is judged from the
 * prefix alone.
 */
class LotteryTextDecoderPropertiesTest {

    private static final int MAX = 512;

    private static DecoderHarness harness() {
        // a partial frame: its prefix and at most MAX bytes of body
        return new DecoderHarness(new LotteryTextProtocolCodecFactory(MAX), MAX + 8L);
    }

    private static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putLong(body.length).put(body).array();
    }

    record Stream(byte[] bytes, List<Integer> reads) {
    }

    record Bodies(List<String> bodies, int cutPercent, List<Integer> reads) {
    }

    static Bodies bodies(Random random) {
        List<String> bodies = Gen.listOf(random, 12, r -> {
            String body = Gen.text(r, 150, "");
            return utf8(body).length <= MAX ? body : body.substring(0, 100);
        });
        return new Bodies(bodies, random.nextInt(101), Gen.readSizes(random));
    }

    /** Random bytes, or frames of plausible length with random bodies (past the prefix check), maybe a random prefix last. */
    static Stream junk(Random random) {
        if (random.nextBoolean()) {
            return new Stream(Gen.bytes(random, 2048), Gen.readSizes(random));
        }
        List<byte[]> frames = Gen.listOf(random, 20, r -> {
            byte[] body = new byte[r.nextInt(MAX + 1)];
            r.nextBytes(body);
            return frame(body);
        });
        List<byte[]> all = new ArrayList<>(frames);
        if (random.nextInt(4) == 0) {
            byte[] prefix = new byte[8];
            random.nextBytes(prefix);
            all.add(prefix);
        }
        return new Stream(concat(all), Gen.readSizes(random));
    }

    @Test
    void anyBytesInAnyPieces_decodeIntoFramesOrErrors_withoutException() {
        Fuzz.forAll(1000, LotteryTextDecoderPropertiesTest::junk, in -> {
            List<Object> out = harness().feedAndClose(split(in.bytes(), in.reads()));

            assertThat(out).allSatisfy(m -> assertThat(m).isInstanceOf(TextFrame.class));
            for (int i = 0; i < out.size(); i++) {
                assertThat(i == out.size() - 1 || !(out.get(i) instanceof TextFrame.TooLarge)).as("TooLarge is last").isTrue();
                if (out.get(i) instanceof TextFrame.Body body) {
                    assertThat(LotteryTextRequest.parse(body.bytes(), 0, body.bytes().length)).isNotNull();
                }
            }
        });
    }

    @Test
    void validFramesInAnyPieces_areDecodedExactly() {
        Fuzz.forAll(1000, LotteryTextDecoderPropertiesTest::bodies, in -> {
            byte[] stream = concat(in.bodies().stream().map(b -> frame(utf8(b))).toList());

            List<Object> out = harness().feed(split(stream, in.reads()));

            assertThat(describeAll(out)).isEqualTo(describeAll(texts(in.bodies())));
        });
    }

    @Test
    void aStreamCutShort_yieldsExactlyTheFramesBeforeTheCut() {
        Fuzz.forAll(1000, LotteryTextDecoderPropertiesTest::bodies, in -> {
            List<byte[]> frames = in.bodies().stream().map(b -> frame(utf8(b))).toList();
            byte[] stream = concat(frames);
            int cut = stream.length * in.cutPercent() / 100;

            List<Object> out = harness().feedAndClose(split(Arrays.copyOf(stream, cut), in.reads()));

            List<String> whole = new ArrayList<>();
            int at = 0;
            for (int i = 0; i < frames.size(); i++) {
                at += frames.get(i).length;
                if (at <= cut) {
                    whole.add(in.bodies().get(i));
                }
            }
            assertThat(describeAll(out)).isEqualTo(describeAll(texts(whole)));
        });
    }

    record Prefix(long prefix, List<Integer> reads) {
    }

    @Test
    void aLengthOverTheLimit_isJudgedFromThePrefixAlone_andNothingAfterIsRead() {
        Fuzz.forAll(1000, r -> {
            long over = switch (r.nextInt(4)) {
                case 0 -> MAX + 1 + r.nextInt(16);
                case 1 -> Long.MIN_VALUE + r.nextInt(16);
                case 2 -> -1 - r.nextInt(16);
                default -> r.nextLong();
            };
            return new Prefix(over >= 0 && over <= MAX ? over + MAX + 1 : over, Gen.readSizes(r));
        }, in -> {
            byte[] stream = concat(frame(utf8("WINNERS;1")), ByteBuffer.allocate(8).putLong(in.prefix()).array(),
                    new byte[MAX * 3], frame(utf8("WINNERS;2")));
            DecoderHarness harness = harness();

            // the prefix alone, without any of its body, is enough for the answer
            List<Object> first = harness.feed(split(Arrays.copyOf(stream, 17 + 8), in.reads()));
            List<Object> rest = harness.feedAndClose(split(Arrays.copyOfRange(stream, 17 + 8, stream.length), in.reads()));

            assertThat(first).containsExactly(TextFrame.Body.of("WINNERS;1"), new TextFrame.TooLarge(in.prefix(), MAX));
            assertThat(rest).isEmpty();
        });
    }

    @Test
    void aFrameAtTheLimit_isAFrame() {
        Fuzz.forAll(200, r -> new Prefix(r.nextInt(4), Gen.readSizes(r)), in -> {
            String body = "x".repeat(MAX - (int) in.prefix());

            List<Object> out = harness().feed(split(concat(frame(utf8(body)), frame(utf8("END;1"))), in.reads()));

            assertThat(out).containsExactly(TextFrame.Body.of(body), TextFrame.Body.of("END;1"));
        });
    }

    @Test
    void notUtf8_isThatFramesError_andTheNextFrameIsReadAsUsual() {
        Fuzz.forAll(500, r -> new Stream(Gen.textWithNotUtf8(r, 60, ""), Gen.readSizes(r)), in -> {
            List<Object> out = harness().feed(split(concat(frame(in.bytes()), frame(utf8("END;3"))), in.reads()));

            // the frame is handed on whole; reading it says it is not UTF-8
            assertThat(out).containsExactly(new TextFrame.Body(in.bytes()), TextFrame.Body.of("END;3"));
            assertThat(LotteryTextRequest.parse(in.bytes(), 0, in.bytes().length))
                    .isEqualTo(new LotteryTextRequest.NotUtf8(in.bytes().length));
        });
    }

    /** The body parser answers any batch-shaped text without an exception. */
    @Test
    void theBodyParserAnswersAnyBody() {
        String[] fields = {"", "END", "WINNERS", "0", "-1", "1", "5", "2147483647", "2147483648", "99999999999",
            "1999-02-30", "2000-02-29", "1999-13-01", "0000-00-00", "+1", " 1", "1 ", "١", "\r", "\u0000", "Ñandú",
            "x".repeat(25), "É".repeat(13), "7574", "10000", "1000001", "9".repeat(40)};
        Fuzz.forAll(3000, r -> {
            List<String> lines = Gen.listOf(r, 6, l -> String.join(";", Gen.listOf(l, 7, f -> switch (f.nextInt(3)) {
                case 0 -> String.valueOf(f.nextInt());
                case 1 -> Gen.text(f, 8, ";\n");
                default -> Gen.oneOf(f, fields);
            })));
            String eol = Gen.oneOf(r, "\n", "\r\n", "");
            return String.join(eol.isEmpty() ? "\n" : eol, lines) + eol;
        }, body -> assertThat(LotteryTextRequest.parse(body)).isNotNull());
    }

    private static List<Object> texts(List<String> bodies) {
        return bodies.stream().map(b -> (Object) TextFrame.Body.of(b)).toList();
    }
}
