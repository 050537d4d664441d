package dev.switchboard.adapter.tcp.lottery.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LotteryTextRequestTest {

    private static final AgencyId A1 = AgencyId.of(1);

    @Test
    void batch_isParsedWithEveryBet() {
        LotteryTextRequest parsed = LotteryTextRequest.parse(
                "1;2\nSantiago Lionel;Lorca;30904465;1999-03-17;2201\nTiago Nicolás;Rivera;34407251;2001-08-29;7574\n");

        assertThat(parsed).isEqualTo(new LotteryTextRequest.Batch(new BetBatch(A1, List.of(
                new Bet(A1, "Santiago Lionel", "Lorca", 30904465, LocalDate.of(1999, 3, 17), 2201),
                new Bet(A1, "Tiago Nicolás", "Rivera", 34407251, LocalDate.of(2001, 8, 29), 7574)))));
    }

    @Test
    void batchBody_roundTrips_andCrlfIsAccepted() {
        BetBatch batch = new BetBatch(A1, List.of(new Bet(A1, "Ana", "Pérez", 1, LocalDate.of(1980, 1, 1), 0)));

        assertThat(LotteryTextRequest.parse(LotteryTextRequest.batchBody(batch)))
                .isEqualTo(new LotteryTextRequest.Batch(batch));
        assertThat(LotteryTextRequest.parse("1;1\r\nAna;Pérez;1;1980-01-01;0\r\n"))
                .isEqualTo(new LotteryTextRequest.Batch(batch));
    }

    @Test
    void endAndWinners_areParsed() {
        assertThat(LotteryTextRequest.parse("END;3")).isEqualTo(new LotteryTextRequest.End(AgencyId.of(3)));
        assertThat(LotteryTextRequest.parse("END;3\n")).isEqualTo(new LotteryTextRequest.End(AgencyId.of(3)));
        assertThat(LotteryTextRequest.parse("WINNERS;12")).isEqualTo(new LotteryTextRequest.Winners(AgencyId.of(12)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1;2\nAna;Pérez;1;1980-01-01;0\n",                                  // fewer lines than the count
        "1;1\nAna;Pérez;1;1980-01-01;0\nEva;Pérez;2;1980-01-01;0\n",       // more lines than the count
        "1;2\nAna;Pérez;1;1980-01-01;0\nEva;Pérez;2;1980-01-01;10000\n",   // last bet out of range
        "1;2\nAna;Pérez;1;1980-01-01;0\nEva;Pérez;2;1980-02-30;1\n",       // no such date
        "1;2\nAna;Pérez;1;1980-01-01;0\nEva;Pérez;-2;1980-01-01;1\n",      // negative document
        "1;2\nAna;Pérez;1;1980-01-01;0\nEva;Pérez;2;1980-01-01\n",         // a field missing
        "1;2\nAna;Pérez;1;1980-01-01;0\n;Pérez;2;1980-01-01;1\n",          // empty name
        "1;1\nAnaAnaAnaAnaAnaAnaAnaAnaA;Pérez;1;1980-01-01;0\n",           // name over 24 bytes
        "0;1\nAna;Pérez;1;1980-01-01;0\n",                                  // agency 0
        "1;0\n",                                                            // empty batch
    })
    void anyBadBet_makesTheWholeBatchBad(String body) {
        assertThat(LotteryTextRequest.parse(body)).isInstanceOf(LotteryTextRequest.BadBatch.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "HELLO", "END;", "END;x", "END;-1", "WINNERS;", "x;1\n", "1;\n", "1\n"})
    void anythingElse_isWrong(String body) {
        assertThat(LotteryTextRequest.parse(body)).isInstanceOf(LotteryTextRequest.Wrong.class);
    }

    @Test
    void badBatch_carriesTheAnnouncedCount() {
        assertThat(LotteryTextRequest.parse("2;3\nAna;Pérez;1;1980-01-01;0\n"))
                .isEqualTo(new LotteryTextRequest.BadBatch("count 3 does not match 1 bet lines", 3));
    }

    @Test
    void winnersAnswer_roundTrips() {
        assertThat(LotteryTextResponse.winners(List.of())).isEqualTo("NO_WINNERS");
        assertThat(LotteryTextResponse.winners(List.of(30876370, 24807259))).isEqualTo("30876370;24807259");
        assertThat(LotteryTextResponse.parseWinners("30876370;24807259")).containsExactly(30876370, 24807259);
        assertThat(LotteryTextResponse.parseWinners("NO_WINNERS")).isEmpty();
    }

    @Test
    void aBatchNumberInTheHeader_isKeptWithTheBatch_andWrittenBack() {
        BetBatch batch = new BetBatch(A1, List.of(new Bet(A1, "Ana", "Pérez", 1, LocalDate.of(1980, 1, 1), 0)));

        assertThat(LotteryTextRequest.parse("1;1;42\nAna;Pérez;1;1980-01-01;0\n"))
                .isEqualTo(new LotteryTextRequest.Batch(batch.numbered(42)));
        assertThat(LotteryTextRequest.batchBody(batch.numbered(42))).startsWith("1;1;42\n");
        assertThat(LotteryTextRequest.parse(LotteryTextRequest.batchBody(batch.numbered(42))))
                .isEqualTo(new LotteryTextRequest.Batch(batch.numbered(42)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1;1;0\nAna;Pérez;1;1980-01-01;0\n", "1;1;1234567890123456789\nAna;Pérez;1;1980-01-01;0\n"})
    void aBatchNumberThatIsNotAPositiveLong_makesTheBatchBad(String body) {
        assertThat(LotteryTextRequest.parse(body)).isInstanceOf(LotteryTextRequest.BadBatch.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1;1;\nAna;Pérez;1;1980-01-01;0\n", "1;1;x\nAna;Pérez;1;1980-01-01;0\n",
        "1;1;2;3\nAna;Pérez;1;1980-01-01;0\n"})
    void aHeaderWithAnythingElseAfterTheCount_isNotABatch(String body) {
        assertThat(LotteryTextRequest.parse(body)).isInstanceOf(LotteryTextRequest.Wrong.class);
    }

    @Test
    void bytesThatAreNotUtf8_areSaidSo_whereverTheyAre() {
        byte[] body = {'1', ';', '1', '\n', (byte) 0xC3, (byte) 0x28, ';', 'x'};
        assertThat(LotteryTextRequest.parse(body, 0, body.length)).isEqualTo(new LotteryTextRequest.NotUtf8(8));
        byte[] overlong = {'E', 'N', 'D', ';', (byte) 0xC0, (byte) 0xB1};
        assertThat(LotteryTextRequest.parse(overlong, 0, overlong.length)).isInstanceOf(LotteryTextRequest.NotUtf8.class);
        byte[] surrogate = {'1', ';', '1', '\n', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertThat(LotteryTextRequest.parse(surrogate, 0, surrogate.length)).isInstanceOf(LotteryTextRequest.NotUtf8.class);
    }

    @Test
    void aBatchReadFromBytes_givesTheSameReasonAsTheSeedsReading() {
        assertThat(LotteryTextRequest.parse("1;2\nAna;Pérez;1;1980-01-01;0\nEva;Pérez;2;1980-02-30;1\n"))
                .isEqualTo(new LotteryTextRequest.BadBatch("bet 2: birthdate must be a date YYYY-MM-DD, not '1980-02-30'", 2));
        assertThat(LotteryTextRequest.parse("1;1\nAna;Pérez;12a;1980-01-01;0\n"))
                .isEqualTo(new LotteryTextRequest.BadBatch("bet 1: document must be decimal digits, not '12a'", 1));
        assertThat(LotteryTextRequest.parse("1;1\nAna;Pérez;1;1980-01-01\n"))
                .isEqualTo(new LotteryTextRequest.BadBatch("bet 1: expected 5 fields, got 4", 1));
        assertThat(LotteryTextRequest.parse("1;1\nAna;Pérez;1;1980-01-01;0;\n"))
                .isEqualTo(new LotteryTextRequest.BadBatch("bet 1: expected 5 fields, got 6", 1));
        assertThat(LotteryTextRequest.parse("1;1\n ;Pérez;1;1980-01-01;0\n"))
                .isEqualTo(new LotteryTextRequest.BadBatch("bet 1: first name must not be empty", 1));
    }
}
