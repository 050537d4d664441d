package dev.switchboard.adapter.tcp.lottery.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
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
 * Properties of the binary dialect's bet reader and writer (the reader is what
 * {@code LotteryBinaryPipeline} runs on every batch): any bytes are read or refused with the
 * protocol's refusal, never another exception, and what the writer writes is read back exactly.
 */
class BinaryBetsPropertiesTest {

    private static final AgencyId AGENCY = AgencyId.of(4);

    /** The bet reader refuses a bad bet with an IllegalArgumentException (the protocol's "rejected"), nothing else. */
    @Test
    void theBetReaderAcceptsOrRefusesAnyBytes() {
        Fuzz.forAll(3000, BinaryBetsPropertiesTest::nearlyValidBets,
                bets -> readBets(bets.length / BinaryBets.BET_BYTES, bets));
    }

    @Test
    void encodedBatchesAreReadBackExactly() {
        Fuzz.forAll(1000, BinaryBetsPropertiesTest::validBatch, batch -> {
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
