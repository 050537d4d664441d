package dev.switchboard.adapter.in.tcp.lottery;

import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.split;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import dev.switchboard.adapter.in.tcp.common.pipeline.FramePipeline;
import dev.switchboard.adapter.in.tcp.common.pipeline.PipelineHarness;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.LotteryErrorKind;
import dev.switchboard.application.port.out.telemetry.LotteryRequestKind;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.mina.core.service.IoHandler;
import org.junit.jupiter.api.Test;

/**
 * Properties of what the lottery's binary listener really runs: the {@link FramePipeline} with
 * {@link LotteryBinaryPipeline}, fed as MINA feeds it ({@link PipelineHarness}), over use cases
 * that store at once. The connection's first int32 names the agency; then a count and that many
 * 70-byte bets. The frame limit here is 100 bets (the server's is an option).
 */
class LotteryBinaryPipelinePropertiesTest {

    private static final int MAX_BETS = 100;
    private static final int MAX = (int) BinaryBets.frameBytes(MAX_BETS);
    private static final AgencyId AGENCY = AgencyId.of(1);
    private static final byte[] HELLO = ByteBuffer.allocate(4).putInt(1).array();
    private static final byte[] STORED = BinaryBets.answer(BinaryBets.STORED);
    private static final byte[] REJECTED = BinaryBets.answer(BinaryBets.REJECTED);
    private static final byte[] END = ByteBuffer.allocate(4).putInt(0).array();

    private static IoHandler pipeline() {
        LotteryTextPipelinePropertiesTest.AtOnce useCases = new LotteryTextPipelinePropertiesTest.AtOnce();
        MicrometerTelemetry telemetry = MicrometerTelemetry.detached("lottery-binary", LotteryRequestKind.class,
                LotteryErrorKind.class, ConnectionErrorKind.class);
        return new FramePipeline<>(new LotteryBinaryPipeline(MAX, useCases, useCases, telemetry));
    }

    private static Bet bet(Random r) {
        return new Bet(AGENCY, Gen.oneOf(r, "Santiago", "Ana María", "Zoë", "李", "x".repeat(24)),
                Gen.oneOf(r, "Lorca", "Núñez", "O'Neil", "ÁÁÁÁÁÁÁÁÁÁÁÁ"), r.nextInt(Integer.MAX_VALUE),
                LocalDate.of(1900 + r.nextInt(120), 1 + r.nextInt(12), 1 + r.nextInt(28)), r.nextInt(10_000));
    }

    private static byte[] batch(Random r) {
        return BinaryBets.encodeBatch(new BetBatch(AGENCY, betsOf(r)));
    }

    private static List<Bet> betsOf(Random r) {
        List<Bet> bets = new ArrayList<>();
        int n = 1 + Gen.size(r, MAX_BETS - 1);
        for (int i = 0; i < n; i++) {
            bets.add(bet(r));
        }
        return bets;
    }

    record Stream(byte[] bytes, List<Integer> reads, long slices) {
    }

    /** After the greeting: valid batches, damaged ones, counts past the limit or negative, random bytes. */
    static Stream mixed(Random r) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(r.nextInt(20) == 0 ? ByteBuffer.allocate(4).putInt(Gen.oneOf(r, 0, -1, 1 + r.nextInt(1000))).array() : HELLO);
        int n = Gen.size(r, 20);
        for (int i = 0; i < n; i++) {
            parts.add(switch (r.nextInt(8)) {
                case 0 -> Gen.bytes(r, 64);
                case 1 -> {
                    byte[] damaged = batch(r);
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        damaged[4 + r.nextInt(damaged.length - 4)] = (byte) r.nextInt(256);
                    }
                    yield damaged;
                }
                case 2 -> ByteBuffer.allocate(4).putInt(Gen.oneOf(r, MAX_BETS + 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1)).array();
                case 3 -> {
                    // a bet of another agency, a name that is not UTF-8
                    byte[] other = batch(r);
                    if (r.nextBoolean()) {
                        ByteBuffer.wrap(other).putInt(4, 2);
                    } else {
                        other[8] = Gen.notUtf8(r)[0];
                    }
                    yield other;
                }
                default -> batch(r);
            });
        }
        if (r.nextInt(4) == 0) {
            parts.add(END);
        }
        return new Stream(concat(parts), Gen.readSizes(r), r.nextLong());
    }

    @Test
    void anyBytesInAnyPieces_answerAsTheStreamReadWhole() {
        Fuzz.forAll(300, LotteryBinaryPipelinePropertiesTest::mixed, in -> {
            PipelineHarness.Fed fed = PipelineHarness.sameWholeAndInPieces(LotteryBinaryPipelinePropertiesTest::pipeline,
                    MAX, in.bytes(), split(in.bytes(), in.reads()), new Random(in.slices()));

            assertThat(fed.out().length % Integer.BYTES).as("whole int32 answers").isZero();
        });
    }

    @Test
    void randomBytesInAnyPieces_neverEscapeThePipeline() {
        Fuzz.forAll(200, r -> {
            byte[] bytes = Gen.bytes(r, 8192);
            if (bytes.length >= 8 && r.nextBoolean()) {
                // the greeting, and a plausible count, so bets are read
                ByteBuffer.wrap(bytes).putInt(1).putInt(r.nextInt(MAX_BETS + 2));
            }
            return new Stream(bytes, Gen.readSizes(r), r.nextLong());
        }, in -> PipelineHarness.sameWholeAndInPieces(LotteryBinaryPipelinePropertiesTest::pipeline, MAX, in.bytes(),
                split(in.bytes(), in.reads()), new Random(in.slices())));
    }

    record Valid(List<byte[]> batches, int cutPercent, List<Integer> reads, long slices) {
    }

    static Valid validStream(Random r) {
        return new Valid(Gen.listOf(r, 20, LotteryBinaryPipelinePropertiesTest::batch), r.nextInt(101), Gen.readSizes(r), r.nextLong());
    }

    @Test
    void validBatchesInAnyPieces_areEachStored_andDoneIsAnsweredWithTheWinners() {
        Fuzz.forAll(300, LotteryBinaryPipelinePropertiesTest::validStream, in -> {
            byte[] stream = concat(HELLO, concat(in.batches()), END);

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            List<byte[]> expected = new ArrayList<>();
            in.batches().forEach(b -> expected.add(STORED));
            expected.add(BinaryBets.winners(LotteryTextPipelinePropertiesTest.WINNERS));
            assertThat(fed.out()).isEqualTo(concat(expected));
            assertThat(fed.closed()).isFalse();
        });
    }

    @Test
    void aStreamCutShort_isAnsweredForExactlyTheBatchesBeforeTheCut() {
        Fuzz.forAll(300, LotteryBinaryPipelinePropertiesTest::validStream, in -> {
            byte[] stream = concat(HELLO, concat(in.batches()));
            int cut = (int) ((long) stream.length * in.cutPercent() / 100);

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX, new Random(in.slices()))
                    .feed(split(Arrays.copyOf(stream, cut), in.reads()));

            int at = HELLO.length;
            List<byte[]> answered = new ArrayList<>();
            for (byte[] b : in.batches()) {
                at += b.length;
                if (at <= cut) {
                    answered.add(STORED);
                }
            }
            assertThat(fed.out()).isEqualTo(concat(answered));
            assertThat(fed.closed()).isFalse();
        });
    }

    record Over(List<byte[]> before, int count, List<Integer> reads, long slices) {
    }

    @Test
    void aCountOverTheLimit_isRefusedFromTheCountAlone_afterTheBatchesBeforeIt_thenTheConnectionCloses() {
        Fuzz.forAll(200, r -> new Over(Gen.listOf(r, 8, LotteryBinaryPipelinePropertiesTest::batch),
                Gen.oneOf(r, MAX_BETS + 1, MAX_BETS + 1 + r.nextInt(1 << 20), Integer.MAX_VALUE, Integer.MIN_VALUE, -1 - r.nextInt(100)),
                Gen.readSizes(r), r.nextLong()), in -> {
            // the count, then only part of what it announces: the answer may not wait for the bets
            byte[] stream = concat(HELLO, concat(in.before()), ByteBuffer.allocate(4).putInt(in.count()).array(),
                    new byte[BinaryBets.BET_BYTES * 3], batch(new Random(1)));

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            List<byte[]> expected = new ArrayList<>();
            in.before().forEach(b -> expected.add(STORED));
            expected.add(REJECTED);
            assertThat(fed.out()).isEqualTo(concat(expected));
            assertThat(fed.closed()).isTrue();
        });
    }

    @Test
    void aBatchAtTheLimit_isStored() {
        Fuzz.forAll(50, r -> new Valid(List.of(), 0, Gen.readSizes(r), r.nextLong()), in -> {
            Random r = new Random(in.slices());
            List<Bet> bets = new ArrayList<>();
            for (int i = 0; i < MAX_BETS; i++) {
                bets.add(bet(r));
            }
            byte[] stream = concat(HELLO, BinaryBets.encodeBatch(new BetBatch(AGENCY, bets)), END);

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX, r).feed(split(stream, in.reads()));

            assertThat(fed.out()).isEqualTo(concat(STORED, BinaryBets.winners(LotteryTextPipelinePropertiesTest.WINNERS)));
        });
    }

    @Test
    void aNameThatIsNotUtf8_refusesItsBatch_andTheNextBatchIsStoredAsUsual() {
        Fuzz.forAll(200, r -> new Stream(Gen.notUtf8(r), Gen.readSizes(r), r.nextLong()), in -> {
            byte[] bad = BinaryBets.encodeBatch(new BetBatch(AGENCY, List.of(new Bet(AGENCY, "Ana", "Lorca", 1,
                    LocalDate.of(2000, 1, 1), 1))));
            // the first name's bytes from offset 4 + 4 (count, agency)
            System.arraycopy(in.bytes(), 0, bad, 8, in.bytes().length);
            byte[] stream = concat(HELLO, bad, batch(new Random(in.slices())));

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            assertThat(fed.out()).isEqualTo(concat(REJECTED, STORED));
        });
    }
}
