package dev.switchboard.adapter.in.tcp.lottery.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.junit.jupiter.api.Test;

class LengthPrefixedFrameDecoderTest {

    private final ProtocolCodecSession session = new FragmentingCodecSession();
    private final LotteryTextProtocolCodecFactory factory = new LotteryTextProtocolCodecFactory(64);

    private static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putLong(body.length).put(body).array();
    }

    private static byte[] frame(String body) {
        return frame(body.getBytes(StandardCharsets.UTF_8));
    }

    private List<Object> feed(byte[]... reads) throws Exception {
        for (byte[] read : reads) {
            // the factory is asked on every read, as MINA does
            ProtocolDecoder decoder = factory.getDecoder(session);
            decoder.decode(session, IoBuffer.wrap(read), session.getDecoderOutput());
        }
        List<Object> out = new ArrayList<>(session.getDecoderOutputQueue());
        session.getDecoderOutputQueue().clear();
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void frameSplitAcrossReads_isJoined() throws Exception {
        byte[] whole = frame("END;3");

        assertThat(feed(slice(whole, 0, 3))).isEmpty();
        assertThat(feed(slice(whole, 3, 9))).isEmpty();
        assertThat(feed(slice(whole, 9, whole.length))).containsExactly(TextFrame.Body.of("END;3"));
    }

    @Test
    void byteByByte_deliversTheFrameOnceComplete() throws Exception {
        byte[] whole = frame("WINNERS;1");
        List<Object> got = new ArrayList<>();
        for (byte b : whole) {
            got.addAll(feed(new byte[] {b}));
        }
        assertThat(got).containsExactly(TextFrame.Body.of("WINNERS;1"));
    }

    @Test
    void severalFramesInOneRead_areAllDelivered_includingAnEmptyOne() throws Exception {
        assertThat(feed(concat(frame("END;1"), frame(""), frame("Añá"))))
                .containsExactly(TextFrame.Body.of("END;1"), TextFrame.Body.of(""), TextFrame.Body.of("Añá"));
    }

    @Test
    void multiByteCharacterSplitAcrossReads_decodesOnce() throws Exception {
        byte[] whole = frame("ñ");
        assertThat(feed(slice(whole, 0, 9), slice(whole, 9, 10))).containsExactly(TextFrame.Body.of("ñ"));
    }

    @Test
    void frameAtTheLimit_isAccepted() throws Exception {
        assertThat(feed(frame("x".repeat(64)))).containsExactly(TextFrame.Body.of("x".repeat(64)));
    }

    @Test
    void oversizedFrame_isReportedFromThePrefixAlone_andTheRestDiscarded() throws Exception {
        byte[] prefix = ByteBuffer.allocate(8).putLong(65).array();

        assertThat(feed(prefix)).containsExactly(new TextFrame.TooLarge(65, 64));
        assertThat(feed(new byte[100], frame("END;1"))).isEmpty();
    }

    @Test
    void lengthOver2To63_readsNegative_andIsTooLarge() throws Exception {
        byte[] prefix = ByteBuffer.allocate(8).putLong(-1L).array();

        assertThat(feed(prefix)).containsExactly(new TextFrame.TooLarge(-1, 64));
    }

    @Test
    void badUtf8_isHandedOnAsItCame_andTheNextFrameStillDecodes() throws Exception {
        byte[] badBody = {'1', ';', (byte) 0xC3, (byte) 0x28};

        assertThat(feed(concat(frame(badBody), frame("END;2"))))
                .containsExactly(new TextFrame.Body(badBody), TextFrame.Body.of("END;2"));
    }

    @Test
    void encoder_writesEachAnswerAsAFrame() throws Exception {
        factory.getEncoder(session).encode(session, "NO_WINNERS", session.getEncoderOutput());
        IoBuffer written = (IoBuffer) session.getEncoderOutputQueue().poll();

        assertThat(written.getLong()).isEqualTo(10);
        byte[] body = new byte[written.remaining()];
        written.get(body);
        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("NO_WINNERS");
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }
}
