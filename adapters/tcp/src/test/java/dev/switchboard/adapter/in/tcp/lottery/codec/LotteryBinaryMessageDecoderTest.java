package dev.switchboard.adapter.in.tcp.lottery.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryMessage;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.junit.jupiter.api.Test;

class LotteryBinaryMessageDecoderTest {

    private static final AgencyId AGENCY = AgencyId.of(4);

    private final ProtocolCodecSession session = new FragmentingCodecSession();
    // room for 2 bets: 4 + 2 * 70 = 144 bytes
    private final LotteryBinaryProtocolCodecFactory factory = new LotteryBinaryProtocolCodecFactory(144);

    private List<Object> feed(byte[]... reads) throws Exception {
        for (byte[] read : reads) {
            factory.getDecoder(session).decode(session, IoBuffer.wrap(read), session.getDecoderOutput());
        }
        List<Object> out = new ArrayList<>(session.getDecoderOutputQueue());
        session.getDecoderOutputQueue().clear();
        return out;
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static BetBatch batch(int size) {
        List<Bet> bets = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            bets.add(new Bet(AGENCY, "Tiago Nicolás", "Agüero", 30_000_000 + i, LocalDate.of(2001, 8, 29), 7574));
        }
        return new BetBatch(AGENCY, bets);
    }

    @Test
    void helloThenBatchThenDone_splitAnywhere() throws Exception {
        byte[] stream = ByteBuffer.allocate(4 + 144 + 4).put(int32(4)).put(BinaryBets.encodeBatch(batch(2))).put(int32(0))
                .array();
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < stream.length; i += 7) {
            got.addAll(feed(Arrays.copyOfRange(stream, i, Math.min(stream.length, i + 7))));
        }

        assertThat(got).hasSize(3);
        assertThat(got.get(0)).isEqualTo(new BinaryMessage.Hello(4));
        BinaryMessage.Batch b = (BinaryMessage.Batch) got.get(1);
        assertThat(BinaryBets.decode(AGENCY, b.count(), b.bets())).isEqualTo(batch(2));
        assertThat(got.get(2)).isInstanceOf(BinaryMessage.Done.class);
    }

    @Test
    void countOverTheLimit_isReportedBeforeTheBets_andTheRestDiscarded() throws Exception {
        feed(int32(4));

        assertThat(feed(int32(3))).containsExactly(new BinaryMessage.TooLarge(3, 144));
        assertThat(feed(new byte[300], int32(0))).isEmpty();
    }

    @Test
    void negativeCount_isTooLarge() throws Exception {
        feed(int32(4));

        assertThat(feed(int32(-1))).containsExactly(new BinaryMessage.TooLarge(-1, 144));
    }

    @Test
    void shortRead_deliversNothingYet() throws Exception {
        assertThat(feed(new byte[] {0, 0})).isEmpty();
        assertThat(feed(new byte[] {0, 4})).containsExactly(new BinaryMessage.Hello(4));
        byte[] frame = BinaryBets.encodeBatch(batch(1));
        assertThat(feed(Arrays.copyOf(frame, 73))).isEmpty();
        assertThat(feed(Arrays.copyOfRange(frame, 73, 74))).hasSize(1);
    }
}
