package dev.switchboard.adapter.in.tcp.tokens.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequest;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenResponse;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.junit.jupiter.api.Test;

class TokensProtocolCodecTest {

    private static final String GREETING = "{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\",\"tokens_expected\":\"3\"}}";
    private static final String TOKEN = "{\"op\":\"Token\",\"payload\":{\"token\":\"abc\"}}";

    private final TokensProtocolCodecFactory codec = new TokensProtocolCodecFactory();
    private final ProtocolCodecSession session = tcpLikeSession();
    private final ProtocolDecoder decoder = codec.getDecoder(session);

    /** A codec session that, like a TCP session, may split and join messages (a dummy one says it cannot). */
    private static ProtocolCodecSession tcpLikeSession() {
        ProtocolCodecSession session = new ProtocolCodecSession();
        session.setTransportMetadata(new DefaultTransportMetadata("test", "tcp-like", false, true,
                SocketAddress.class, IoSessionConfig.class, Object.class));
        return session;
    }

    private List<Object> feed(byte[]... chunks) throws Exception {
        for (byte[] chunk : chunks) {
            IoBuffer buffer = IoBuffer.allocate(chunk.length).setAutoExpand(true);
            buffer.put(chunk).flip();
            decoder.decode(session, buffer, session.getDecoderOutput());
        }
        List<Object> out = new ArrayList<>(session.getDecoderOutputQueue());
        session.getDecoderOutputQueue().clear();
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLineSplitAcrossReads_isJoined() throws Exception {
        String line = GREETING + "\n";
        int cut = 17;

        assertThat(feed(bytes(line.substring(0, cut)))).isEmpty();
        assertThat(feed(bytes(line.substring(cut)))).containsExactly(new TokenRequest.Greeting("c1", 3));
    }

    @Test
    void aLineSplitInsideAMultiByteCharacter_isJoined() throws Exception {
        byte[] line = bytes("{\"op\":\"Token\",\"payload\":{\"token\":\"ñandú\"}}\n");
        int cut = "{\"op\":\"Token\",\"payload\":{\"token\":\"".length() + 1;
        byte[] first = Arrays.copyOfRange(line, 0, cut);
        byte[] second = Arrays.copyOfRange(line, cut, line.length);

        assertThat(feed(first, second)).containsExactly(new TokenRequest.Submit("ñandú"));
    }

    @Test
    void severalLinesInOneRead_areAllDelivered() throws Exception {
        assertThat(feed(bytes(GREETING + "\n" + TOKEN + "\r\n" + TOKEN + "\n")))
                .containsExactly(new TokenRequest.Greeting("c1", 3), new TokenRequest.Submit("abc"), new TokenRequest.Submit("abc"));
    }

    @Test
    void aLineAtTheLimit_isRead_andOneByteMore_isTooLong() throws Exception {
        String prefix = "{\"op\":\"Token\",\"payload\":{\"token\":\"";
        String suffix = "\"}}";
        int room = TokensProtocolCodecFactory.MAX_LINE_BYTES - prefix.length() - suffix.length();
        String atLimit = prefix + "x".repeat(room) + suffix;

        assertThat(feed(bytes(atLimit + "\n"))).containsExactly(new TokenRequest.Submit("x".repeat(room)));
        assertThat(feed(bytes(prefix + "x".repeat(room + 1) + suffix + "\n")))
                .containsExactly(new TokenRequest.TooLong(TokensProtocolCodecFactory.MAX_LINE_BYTES));
    }

    @Test
    void anOverLongLine_isReportedBeforeItsEnd_andNothingAfterItIsRead() throws Exception {
        assertThat(feed(bytes("x".repeat(TokensProtocolCodecFactory.MAX_LINE_BYTES + 2))))
                .containsExactly(new TokenRequest.TooLong(TokensProtocolCodecFactory.MAX_LINE_BYTES));
        assertThat(feed(bytes("\n" + TOKEN + "\n"))).isEmpty();
    }

    @Test
    void invalidUtf8_isAnErrorAndTheNextLineStillReads() throws Exception {
        byte[] bad = {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'};

        assertThat(feed(bad, bytes(TOKEN + "\n"))).containsExactly(
                new TokenRequest.Invalid("malformed JSON: not valid UTF-8"), new TokenRequest.Submit("abc"));
    }

    @Test
    void cppEmptyPayloadString_isReadAsAnEmptyObject() throws Exception {
        assertThat(feed(bytes("{\"op\":\"Token\",\"payload\":\"\"}\n")))
                .containsExactly(new TokenRequest.Invalid("missing field 'token'"));
    }

    @Test
    void encoder_writesOneJsonLine() throws Exception {
        ProtocolEncoder encoder = codec.getEncoder(session);

        encoder.encode(session, new TokenResponse.Accepted("abc"), session.getEncoderOutput());

        IoBuffer written = (IoBuffer) session.getEncoderOutputQueue().poll();
        assertThat(written.getString(StandardCharsets.UTF_8.newDecoder()))
                .isEqualTo("{\"op\":\"Accepted\",\"payload\":{\"token\":\"abc\"}}\n");
    }
}
