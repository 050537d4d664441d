package dev.switchboard.adapter.in.tcp.lottery.codec;

import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.describeAll;
import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.split;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness;
import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryMessage;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the lottery's binary-dialect decoder (agency int32, then count int32 and
 * {@code count} 70-byte bets) and of the bet reader behind it: any bytes in any pieces give
 * messages or the protocol's errors, never an exception and never more than one batch held.
 */
class LotteryBinaryDecoderPropertiesTest {

    /** Room for three bets. */
    private static final int MAX = (int) BinaryBets.frameBytes(3);
    private static final AgencyId AGENCY = AgencyId.of(4);

    private static DecoderHarness harness() {
        return new DecoderHarness(new LotteryBinaryProtocolCodecFactory(MAX), MAX);
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    record Stream(byte[] bytes, List<Integer> reads) {
    }

    /** Batches of 1..3 random bets (as the decoder sees them: not yet checked). */
    record Batches(int agency, List<byte[]> batches, boolean done, int cutPercent, List<Integer> reads) {
    }

    static Batches batches(Random random) {
        List<byte[]> batches = Gen.listOf(random, 8, r -> {
            byte[] bets = new byte[(1 + r.nextInt(3)) * BinaryBets.BET_BYTES];
            r.nextBytes(bets);
            return bets;
        });
        return new Batches(random.nextInt(), batches, random.nextBoolean(), random.nextInt(101), Gen.readSizes(random));
    }

    /** Random bytes, or a hello then counts from -1 to 4 with random bets (past the count check). */
    static Stream junk(Random random) {
        if (random.nextInt(3) == 0) {
            return new Stream(Gen.bytes(random, 2048), Gen.readSizes(random));
        }
        List<byte[]> parts = new ArrayList<>();
        parts.add(int32(random.nextInt()));
        parts.addAll(Gen.listOf(random, 10, r -> {
            int count = r.nextInt(6) - 1;
            byte[] bets = new byte[Math.max(0, count) * BinaryBets.BET_BYTES];
            r.nextBytes(bets);
            return concat(int32(count), bets);
        }));
        return new Stream(concat(parts), Gen.readSizes(random));
    }

    @Test
    void anyBytesInAnyPieces_decodeIntoMessagesOrErrors_withoutException() {
        Fuzz.forAll(1000, LotteryBinaryDecoderPropertiesTest::junk, in -> {
            List<Object> out = harness().feedAndClose(split(in.bytes(), in.reads()));

            assertThat(out).allSatisfy(m -> assertThat(m).isInstanceOf(BinaryMessage.class));
            for (int i = 0; i < out.size(); i++) {
                assertThat(i == out.size() - 1 || !(out.get(i) instanceof BinaryMessage.TooLarge)).as("TooLarge is last").isTrue();
                if (out.get(i) instanceof BinaryMessage.Batch batch) {
                    assertThat(batch.bets()).hasSize(batch.count() * BinaryBets.BET_BYTES);
                    readBets(batch.count(), batch.bets());
                }
            }
        });
    }

    @Test
    void aValidStreamInAnyPieces_isDecodedExactly() {
        Fuzz.forAll(1000, LotteryBinaryDecoderPropertiesTest::batches, in -> {
            List<byte[]> parts = new ArrayList<>();
            List<Object> expected = new ArrayList<>();
            parts.add(int32(in.agency()));
            expected.add(new BinaryMessage.Hello(in.agency()));
            for (byte[] bets : in.batches()) {
                int count = bets.length / BinaryBets.BET_BYTES;
                parts.add(concat(int32(count), bets));
                expected.add(new BinaryMessage.Batch(count, bets));
            }
            if (in.done()) {
                parts.add(int32(0));
                expected.add(new BinaryMessage.Done());
            }

            List<Object> out = harness().feed(split(concat(parts), in.reads()));

            assertThat(describeAll(out)).isEqualTo(describeAll(expected));
        });
    }

    @Test
    void aStreamCutShort_yieldsExactlyTheMessagesBeforeTheCut() {
        Fuzz.forAll(1000, LotteryBinaryDecoderPropertiesTest::batches, in -> {
            List<byte[]> messages = new ArrayList<>();
            List<Object> decoded = new ArrayList<>();
            messages.add(int32(in.agency()));
            decoded.add(new BinaryMessage.Hello(in.agency()));
            for (byte[] bets : in.batches()) {
                int count = bets.length / BinaryBets.BET_BYTES;
                messages.add(concat(int32(count), bets));
                decoded.add(new BinaryMessage.Batch(count, bets));
            }
            byte[] stream = concat(messages);
            int cut = stream.length * in.cutPercent() / 100;

            List<Object> out = harness().feedAndClose(split(Arrays.copyOf(stream, cut), in.reads()));

            List<Object> whole = new ArrayList<>();
            int at = 0;
            for (int i = 0; i < messages.size(); i++) {
                at += messages.get(i).length;
                if (at <= cut) {
                    whole.add(decoded.get(i));
                }
            }
            assertThat(describeAll(out)).isEqualTo(describeAll(whole));
        });
    }

    record Count(int count, List<Integer> reads) {
    }

    @Test
    void aCountOverTheLimitOrNegative_isJudgedFromTheCountAlone_andNothingAfterIsRead() {
        Fuzz.forAll(1000, r -> new Count(switch (r.nextInt(5)) {
            case 0 -> 4 + r.nextInt(100);
            case 1 -> -1 - r.nextInt(100);
            case 2 -> Gen.oneOf(r, Integer.MIN_VALUE, Integer.MAX_VALUE, 30_678_338, 30_678_339, 61_356_676);
            case 3 -> 4 + r.nextInt(Integer.MAX_VALUE - 4);
            default -> Integer.MIN_VALUE + r.nextInt(Integer.MAX_VALUE);
        }, Gen.readSizes(r)), in -> {
            DecoderHarness harness = harness();
            List<Object> first = harness.feed(split(concat(int32(7), int32(in.count())), in.reads()));
            List<Object> rest = harness.feedAndClose(split(concat(new byte[MAX * 2], int32(0)), in.reads()));

            assertThat(first).containsExactly(new BinaryMessage.Hello(7), new BinaryMessage.TooLarge(in.count(), MAX));
            assertThat(rest).isEmpty();
        });
    }

    /** The bet reader refuses a bad bet with an IllegalArgumentException (the protocol's "rejected"), nothing else. */
    @Test
    void theBetReaderAcceptsOrRefusesAnyBytes() {
        Fuzz.forAll(3000, LotteryBinaryDecoderPropertiesTest::nearlyValidBets,
                bets -> readBets(bets.length / BinaryBets.BET_BYTES, bets));
    }

    @Test
    void encodedBatchesAreReadBackExactly() {
        Fuzz.forAll(1000, LotteryBinaryDecoderPropertiesTest::validBatch, batch -> {
            byte[] frame = BinaryBets.encodeBatch(batch);

            assertThat(BinaryBets.decode(AGENCY, batch.bets().size(), Arrays.copyOfRange(frame, 4, frame.length)))
                    .isEqualTo(batch);
        });
    }

    static BetBatch validBatch(Random random) {
        List<Bet> bets = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            bets.add(new Bet(AGENCY, name(random), name(random), random.nextInt(Integer.MAX_VALUE),
                    LocalDate.ofEpochDay(random.nextInt(3_000_000) - 700_000), random.nextInt(10_000)));
        }
        return new BetBatch(AGENCY, bets);
    }

    /** A name the domain takes: not blank, at most 24 UTF-8 bytes, no ';' and no control characters. */
    private static String name(Random random) {
        while (true) {
            String name = Gen.text(random, 12, ";");
            if (!name.isBlank() && Gen.utf8(name).length <= BinaryBets.NAME_BYTES
                    && name.codePoints().noneMatch(Character::isISOControl)) {
                return name;
            }
        }
    }

    /** Bets that are nearly valid: the right agency, NUL-padded names, a date-shaped field; then random damage. */
    static byte[] nearlyValidBets(Random random) {
        int count = random.nextInt(5);
        ByteBuffer bets = ByteBuffer.allocate(count * BinaryBets.BET_BYTES);
        for (int i = 0; i < count; i++) {
            bets.putInt(random.nextInt(8) == 0 ? random.nextInt() : AGENCY.value());
            for (int name = 0; name < 2; name++) {
                byte[] field = new byte[BinaryBets.NAME_BYTES];
                int length = random.nextInt(BinaryBets.NAME_BYTES + 1);
                for (int k = 0; k < length; k++) {
                    field[k] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(26));
                }
                bets.put(field);
            }
            bets.putInt(random.nextInt());
            byte[] date = String.format("%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33))
                    .getBytes(StandardCharsets.ISO_8859_1);
            if (random.nextInt(6) == 0) {
                date[random.nextInt(date.length)] = (byte) random.nextInt(256);
            }
            bets.put(date, 0, BinaryBets.DATE_BYTES);
            bets.putInt(random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(10_000));
        }
        byte[] all = bets.array();
        if (all.length > 0 && random.nextInt(3) == 0) {
            all[random.nextInt(all.length)] = (byte) random.nextInt(256);
        }
        return all;
    }

    private static void readBets(int count, byte[] bets) {
        Throwable thrown = catchThrowable(() -> BinaryBets.decode(AGENCY, count, bets));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
