package dev.switchboard.adapter.in.tcp.lottery;

import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.split;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.concat;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import dev.switchboard.adapter.in.tcp.common.pipeline.FramePipeline;
import dev.switchboard.adapter.in.tcp.common.pipeline.PipelineHarness;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.adapter.tcp.lottery.protocol.LotteryTextResponse;
import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import dev.switchboard.application.port.in.lottery.MarkAgencyDoneUseCase;
import dev.switchboard.application.port.in.lottery.QueryWinnersUseCase;
import dev.switchboard.application.port.in.lottery.StoreBatchUseCase;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.LotteryErrorKind;
import dev.switchboard.application.port.out.telemetry.LotteryRequestKind;
import dev.switchboard.domain.lottery.BetBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.mina.core.service.IoHandler;
import org.junit.jupiter.api.Test;

/**
 * Properties of what the lottery's text listener really runs: the {@link FramePipeline} with
 * {@link LotteryTextPipeline}, fed as MINA feeds it ({@link PipelineHarness}), over use cases
 * that store at once. Frames of an 8-byte length and a body; the limit here is 16 KiB (the
 * server's is an option) so frames at and past it stay quick to generate.
 */
class LotteryTextPipelinePropertiesTest {

    static final int MAX = 16 * 1024;
    private static final long MAX_CARRY = TextFrame.PREFIX_BYTES + MAX;
    static final List<Integer> WINNERS = List.of(30_904_465, 7);

    /** Use cases that take every batch at once, and answer {@code END} and {@code WINNERS} with the same winners. */
    static final class AtOnce implements StoreBatchUseCase, MarkAgencyDoneUseCase, QueryWinnersUseCase {
        @Override
        public CompletionStage<Void> store(BetBatch batch) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void refuse(int count, String reason) {
        }

        @Override
        public CompletionStage<List<Integer>> markDone(dev.switchboard.domain.lottery.AgencyId agency) {
            return CompletableFuture.completedFuture(WINNERS);
        }

        @Override
        public Optional<List<Integer>> winners(dev.switchboard.domain.lottery.AgencyId agency) {
            return Optional.of(WINNERS);
        }
    }

    private static IoHandler pipeline() {
        AtOnce useCases = new AtOnce();
        MicrometerTelemetry telemetry = MicrometerTelemetry.detached("lottery", LotteryRequestKind.class,
                LotteryErrorKind.class, ConnectionErrorKind.class);
        return new FramePipeline<>(new LotteryTextPipeline(MAX, useCases, useCases, useCases, telemetry));
    }

    static byte[] frame(byte[] body) {
        return concat(ByteBuffer.allocate(TextFrame.PREFIX_BYTES).putLong(body.length).array(), body);
    }

    private static String bet(Random r) {
        return Gen.oneOf(r, "Santiago", "Ana María", "Zoë", "李") + ";" + Gen.oneOf(r, "Lorca", "Núñez", "O'Neil") + ";"
                + r.nextInt(100_000_000) + ";" + (1900 + r.nextInt(120)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10)
                + ";" + r.nextInt(10_000);
    }

    private static String batch(Random r) {
        int n = 1 + Gen.size(r, 30);
        StringBuilder body = new StringBuilder("1;" + n + (r.nextInt(3) == 0 ? ";" + (1 + r.nextInt(1000)) : "") + "\n");
        for (int i = 0; i < n; i++) {
            body.append(bet(r)).append(i == n - 1 && r.nextBoolean() ? "" : "\n");
        }
        return body.toString();
    }

    /** A valid request and its answer. */
    record Exchange(byte[] frame, byte[] answer) {
    }

    private static Exchange valid(Random r) {
        if (r.nextInt(5) == 0) {
            return new Exchange(frame(utf8("WINNERS;1")), LotteryTextPipeline.frame(LotteryTextResponse.winners(WINNERS)));
        }
        return new Exchange(frame(utf8(batch(r))), LotteryTextPipeline.frame(LotteryTextResponse.SUCCESS));
    }

    record Stream(byte[] bytes, List<Integer> reads, long slices) {
    }

    /** Valid frames, frames of junk, bodies that are not UTF-8, random bytes, lengths past the limit. */
    static Stream mixed(Random r) {
        List<byte[]> parts = new ArrayList<>();
        int n = Gen.size(r, 30);
        for (int i = 0; i < n; i++) {
            parts.add(switch (r.nextInt(8)) {
                case 0 -> Gen.bytes(r, 64);
                case 1 -> frame(Gen.bytesWith(r, 400, (byte) ';', (byte) '\n', (byte) '-'));
                case 2 -> frame(concat(utf8("1;1\n"), Gen.textWithNotUtf8(r, 10, "\n;"), utf8(";x;1;2000-01-01;1")));
                case 3 -> frame(utf8(Gen.oneOf(r, "END;1", "END;", "END;0", "WINNERS;x", "", "1;0\n", "1;2\na;b;1;2000-01-01;1",
                        "-1;1\na;b;1;2000-01-01;1", "1;1;0\na;b;1;2000-01-01;1", "1;1\na;b;1;2000-02-30;1", "1;1\n;;;;")));
                case 4 -> ByteBuffer.allocate(8).putLong(Gen.oneOf(r, (long) MAX + 1, Long.MAX_VALUE, -1L, 1L << 32)).array();
                default -> valid(r).frame();
            });
        }
        return new Stream(concat(parts), Gen.readSizes(r), r.nextLong());
    }

    @Test
    void anyBytesInAnyPieces_answerAsTheStreamReadWhole_withTheProtocolsFramesOnly() {
        Fuzz.forAll(300, LotteryTextPipelinePropertiesTest::mixed, in -> {
            PipelineHarness.Fed fed = PipelineHarness.sameWholeAndInPieces(LotteryTextPipelinePropertiesTest::pipeline,
                    MAX_CARRY, in.bytes(), split(in.bytes(), in.reads()), new Random(in.slices()));

            ByteBuffer out = ByteBuffer.wrap(fed.out());
            while (out.hasRemaining()) {
                assertThat(out.remaining()).as("a whole prefix").isGreaterThanOrEqualTo(TextFrame.PREFIX_BYTES);
                long length = out.getLong();
                assertThat(length).as("a whole body").isBetween(0L, (long) out.remaining());
                byte[] body = new byte[(int) length];
                out.get(body);
                String answer = new String(body, StandardCharsets.UTF_8);
                assertThat(answer).matches("success;Batch stored successfully\\.|error;.+|" + WINNERS.get(0) + ";" + WINNERS.get(1));
            }
        });
    }

    @Test
    void randomBytesInAnyPieces_neverEscapeThePipeline() {
        Fuzz.forAll(200, r -> {
            byte[] bytes = Gen.bytes(r, 4096);
            if (bytes.length >= 8 && r.nextBoolean()) {
                // a plausible length up front, so a body is read
                ByteBuffer.wrap(bytes).putLong(r.nextInt(bytes.length - 7));
            }
            return new Stream(bytes, Gen.readSizes(r), r.nextLong());
        }, in -> PipelineHarness.sameWholeAndInPieces(LotteryTextPipelinePropertiesTest::pipeline, MAX_CARRY, in.bytes(),
                split(in.bytes(), in.reads()), new Random(in.slices())));
    }

    record Valid(List<Exchange> exchanges, int cutPercent, List<Integer> reads, long slices) {
    }

    static Valid validStream(Random r) {
        return new Valid(Gen.listOf(r, 25, LotteryTextPipelinePropertiesTest::valid), r.nextInt(101), Gen.readSizes(r), r.nextLong());
    }

    @Test
    void validFramesInAnyPieces_areAnsweredExactly_andEndIsAnsweredWithTheWinners() {
        Fuzz.forAll(300, LotteryTextPipelinePropertiesTest::validStream, in -> {
            List<Exchange> exchanges = new ArrayList<>(in.exchanges());
            exchanges.add(new Exchange(frame(utf8("END;1\n")), LotteryTextPipeline.frame(LotteryTextResponse.winners(WINNERS))));
            byte[] stream = concat(exchanges.stream().map(Exchange::frame).toList());

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            assertThat(fed.out()).isEqualTo(concat(exchanges.stream().map(Exchange::answer).toList()));
            assertThat(fed.closed()).isFalse();
        });
    }

    @Test
    void aStreamCutShort_isAnsweredForExactlyTheFramesBeforeTheCut() {
        Fuzz.forAll(300, LotteryTextPipelinePropertiesTest::validStream, in -> {
            byte[] stream = concat(in.exchanges().stream().map(Exchange::frame).toList());
            int cut = (int) ((long) stream.length * in.cutPercent() / 100);

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(Arrays.copyOf(stream, cut), in.reads()));

            List<byte[]> answered = new ArrayList<>();
            int at = 0;
            for (Exchange e : in.exchanges()) {
                at += e.frame().length;
                if (at <= cut) {
                    answered.add(e.answer());
                }
            }
            assertThat(fed.out()).isEqualTo(concat(answered));
            assertThat(fed.closed()).isFalse();
        });
    }

    record Over(List<Exchange> before, long length, List<Integer> reads, long slices) {
    }

    @Test
    void aLengthOverTheLimit_isAnsweredFromThePrefixAlone_afterTheFramesBeforeIt_thenTheConnectionCloses() {
        Fuzz.forAll(200, r -> new Over(Gen.listOf(r, 10, LotteryTextPipelinePropertiesTest::valid),
                Gen.oneOf(r, MAX + 1L, MAX + 1L + r.nextInt(1 << 20), Long.MAX_VALUE, Long.MIN_VALUE, -1L, r.nextLong() | (1L << 40)),
                Gen.readSizes(r), r.nextLong()), in -> {
            // the prefix, then only part of what it announces: the answer may not wait for the body
            byte[] stream = concat(concat(in.before().stream().map(Exchange::frame).toList()),
                    ByteBuffer.allocate(8).putLong(in.length()).array(), new byte[Math.min(MAX, 1000)], valid(new Random(1)).frame());

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            assertThat(fed.out()).isEqualTo(concat(concat(in.before().stream().map(Exchange::answer).toList()),
                    LotteryTextPipeline.frame(LotteryTextResponse.FRAME_TOO_LARGE)));
            assertThat(fed.closed()).isTrue();
        });
    }

    @Test
    void aFrameAtTheLimit_isAFrame() {
        Fuzz.forAll(50, r -> new Over(List.of(), MAX, Gen.readSizes(r), r.nextLong()), in -> {
            StringBuilder body = new StringBuilder("1;1\nAna;Lorca;1;2000-01-01;1\n");
            body.append("\n".repeat(MAX - body.length()));
            byte[] stream = concat(frame(utf8(body.toString())), frame(utf8("WINNERS;1")));

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            // the frame is read (whatever its body answers), and the one after it too
            assertThat(fed.closed()).isFalse();
            assertThat(fed.out()).endsWith(LotteryTextPipeline.frame(LotteryTextResponse.winners(WINNERS)));
            assertThat(new String(fed.out(), StandardCharsets.ISO_8859_1)).doesNotContain(LotteryTextResponse.FRAME_TOO_LARGE);
        });
    }

    @Test
    void aBodyThatIsNotUtf8_isThatFramesError_andTheNextFrameIsReadAsUsual() {
        Fuzz.forAll(200, r -> new Stream(Gen.textWithNotUtf8(r, 20, "\n;"), Gen.readSizes(r), r.nextLong()), in -> {
            byte[] stream = concat(frame(concat(utf8("1;1\n"), in.bytes(), utf8(";Lorca;1;2000-01-01;1"))), frame(utf8("WINNERS;1")));

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            assertThat(fed.out()).isEqualTo(concat(LotteryTextPipeline.frame(LotteryTextResponse.error("frame is not valid UTF-8")),
                    LotteryTextPipeline.frame(LotteryTextResponse.winners(WINNERS))));
        });
    }
}
