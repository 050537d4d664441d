package dev.switchboard.adapter.in.tcp.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.net.SocketAddress;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

    private ProtocolCodecSession session;
    private LineDecoder decoder;

    @BeforeEach
    void setUp() {
        session = new ProtocolCodecSession();
        // a stream transport: bytes may arrive in any fragments (the dummy session says otherwise)
        session.setTransportMetadata(new DefaultTransportMetadata("test", "stream", false, true,
                SocketAddress.class, IoSessionConfig.class, Object.class));
        decoder = new LineDecoder(16);
    }

    private List<DecodedLine> feed(byte[]... chunks) throws Exception {
        for (byte[] chunk : chunks) {
            decoder.decode(session, IoBuffer.wrap(chunk), session.getDecoderOutput());
        }
        List<DecodedLine> out = new ArrayList<>();
        Object o;
        while ((o = session.getDecoderOutputQueue().poll()) != null) {
            out.add((DecodedLine) o);
        }
        return out;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLineSplitAcrossReadsIsJoined() throws Exception {
        assertThat(feed(b("put k"), b(" 1.0"), b(" 5\n"))).containsExactly(new DecodedLine.Text("put k 1.0 5"));
    }

    @Test
    void severalLinesInOneReadAreAllDelivered() throws Exception {
        assertThat(feed(b("a\nbb\n\nccc\n"))).containsExactly(
                new DecodedLine.Text("a"), new DecodedLine.Text("bb"), new DecodedLine.Text(""),
                new DecodedLine.Text("ccc"));
    }

    @Test
    void aTrailingPartialLineWaitsForItsEnd() throws Exception {
        assertThat(feed(b("one\ntw"))).containsExactly(new DecodedLine.Text("one"));
        assertThat(feed(b("o\n"))).containsExactly(new DecodedLine.Text("two"));
    }

    @Test
    void crlfEndsALineToo() throws Exception {
        assertThat(feed(b("get *\r\n"))).containsExactly(new DecodedLine.Text("get *"));
    }

    @Test
    void multiByteCharactersSplitBetweenReadsDecode() throws Exception {
        byte[] word = b("é€\n");
        assertThat(feed(new byte[] {word[0]}, new byte[] {word[1], word[2]}, new byte[] {word[3], word[4], word[5]}))
                .containsExactly(new DecodedLine.Text("é€"));
    }

    @Test
    void invalidUtf8IsReportedAndTheNextLineStillDecodes() throws Exception {
        assertThat(feed(new byte[] {'a', (byte) 0xC3, '\n', 'o', 'k', '\n'}))
                .containsExactly(new DecodedLine.Malformed(2), new DecodedLine.Text("ok"));
    }

    @Test
    void aLineExactlyAtTheLimitIsAccepted() throws Exception {
        assertThat(feed(b("x".repeat(16) + "\n"))).containsExactly(new DecodedLine.Text("x".repeat(16)));
        assertThat(feed(b("y".repeat(16) + "\r\n"))).containsExactly(new DecodedLine.Text("y".repeat(16)));
    }

    @Test
    void anOverLongLineIsReportedBeforeItsEndArrivesAndTheRestIsDiscarded() throws Exception {
        assertThat(feed(b("z".repeat(10)), b("z".repeat(10)))).containsExactly(new DecodedLine.TooLong(16));
        assertThat(feed(b("more\nget *\n"))).isEmpty();
    }

    @Test
    void anOverLongLineArrivingWholeIsReported() throws Exception {
        assertThat(feed(b("ok\n" + "z".repeat(17) + "\nafter\n")))
                .containsExactly(new DecodedLine.Text("ok"), new DecodedLine.TooLong(16));
    }
}
