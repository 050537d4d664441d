package dev.switchboard.adapter.in.tcp.tokens.codec;

import dev.switchboard.adapter.in.tcp.common.codec.DecodedLine;
import dev.switchboard.adapter.in.tcp.common.codec.LineDecoder;
import dev.switchboard.adapter.in.tcp.common.codec.SessionCodecFactory;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequest;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenResponse;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Codec of the tokens protocol: {@code \n}-terminated UTF-8 lines of at most 64 KiB (the shared
 * {@link LineDecoder}), each read as a {@link TokenRequest}; {@link TokenResponse}s are written as
 * compact JSON lines.
 */
public final class TokensProtocolCodecFactory extends SessionCodecFactory {

    public static final int MAX_LINE_BYTES = 64 * 1024;

    private static final ProtocolEncoder ENCODER = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            byte[] bytes = ((TokenResponse) message).toLine().getBytes(StandardCharsets.UTF_8);
            out.write(IoBuffer.wrap(bytes));
        }
    };

    public TokensProtocolCodecFactory() {
        super(ENCODER);
    }

    @Override
    protected ProtocolDecoder newDecoder() {
        return new Decoder(new LineDecoder(MAX_LINE_BYTES));
    }

    /** Turns a decoded line into a request; the line decoder keeps state, so one per session. */
    private static final class Decoder implements ProtocolDecoder {

        private final LineDecoder lines;

        Decoder(LineDecoder lines) {
            this.lines = lines;
        }

        @Override
        public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
            lines.decode(session, in, new Requests(out));
        }

        @Override
        public void finishDecode(IoSession session, ProtocolDecoderOutput out) throws Exception {
            lines.finishDecode(session, new Requests(out));
        }

        @Override
        public void dispose(IoSession session) throws Exception {
            lines.dispose(session);
        }
    }

    private record Requests(ProtocolDecoderOutput out) implements ProtocolDecoderOutput {

        @Override
        public void write(Object message) {
            out.write(toRequest((DecodedLine) message));
        }

        @Override
        public void flush(NextFilter nextFilter, IoSession session) {
            out.flush(nextFilter, session);
        }
    }

    static TokenRequest toRequest(DecodedLine line) {
        if (line instanceof DecodedLine.Text text) {
            return TokenRequest.parse(text.text());
        }
        if (line instanceof DecodedLine.TooLong tooLong) {
            return new TokenRequest.TooLong(tooLong.limit());
        }
        return new TokenRequest.Invalid("malformed JSON: not valid UTF-8");
    }
}
