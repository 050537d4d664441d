package dev.switchboard.adapter.tcp.lottery.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryBetsTest {

    private static final AgencyId AGENCY = AgencyId.of(1);
    private static final Bet BET = new Bet(AGENCY, "Santiago Lionel", "Lorca", 30_904_465, LocalDate.of(1999, 3, 17), 2201);

    private static byte[] bets(Bet... bets) {
        byte[] frame = BinaryBets.encodeBatch(new BetBatch(bets[0].agency(), List.of(bets)));
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    @Test
    void encode_matchesTheDocumentedLayout() {
        byte[] bytes = bets(BET);

        assertThat(bytes).hasSize(70);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(
                "00000001"
                + "53616e746961676f204c696f6e656c000000000000000000"
                + "4c6f7263610000000000000000000000000000000000000000".substring(0, 48)
                + "01d79091"
                + "313939392d30332d3137"
                + "00000899");
    }

    @Test
    void decode_roundTripsUtf8NamesOf24Bytes() {
        Bet full = new Bet(AGENCY, "ÁÁÁÁÁÁÁÁÁÁÁÁ", "x".repeat(24), Integer.MAX_VALUE, LocalDate.of(2004, 2, 29), 0);

        assertThat(BinaryBets.decode(AGENCY, 2, bets(BET, full)).bets()).containsExactly(BET, full);
    }

    @Test
    void betOfAnotherAgency_isRefused() {
        assertThatThrownBy(() -> BinaryBets.decode(AgencyId.of(2), 1, bets(BET)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bet 1");
    }

    @Test
    void badUtf8Name_isRefused() {
        byte[] bytes = bets(BET);
        bytes[4] = (byte) 0xC3;
        bytes[5] = (byte) 0x28;
        assertThatThrownBy(() -> BinaryBets.decode(AGENCY, 1, bytes)).hasMessageContaining("not UTF-8");
    }

    @Test
    void bytesAfterTheNulPadding_areRefused() {
        byte[] bytes = bets(BET);
        bytes[4 + 23] = 'x';
        assertThatThrownBy(() -> BinaryBets.decode(AGENCY, 1, bytes)).hasMessageContaining("padding");
    }

    @Test
    void emptyName_badDate_andNumberOutOfRange_areRefused() {
        byte[] empty = bets(BET);
        Arrays.fill(empty, 4, 28, (byte) 0);
        assertThatThrownBy(() -> BinaryBets.decode(AGENCY, 1, empty)).hasMessageContaining("first name");

        byte[] date = bets(BET);
        System.arraycopy("1999-02-30".getBytes(StandardCharsets.US_ASCII), 0, date, 56, 10);
        assertThatThrownBy(() -> BinaryBets.decode(AGENCY, 1, date)).hasMessageContaining("birthdate");

        byte[] number = bets(BET);
        ByteBuffer.wrap(number).putInt(66, 10_000);
        assertThatThrownBy(() -> BinaryBets.decode(AGENCY, 1, number)).hasMessageContaining("number");
    }

    @Test
    void winners_isCountThenDocuments() {
        assertThat(HexFormat.of().formatHex(BinaryBets.winners(List.of(30_876_370, 24_807_259))))
                .isEqualTo("00000002" + "01d722d2" + "017a875b");
    }
}
