package dev.switchboard.adapter.in.tcp.lottery.codec;

import dev.switchboard.adapter.in.tcp.common.codec.SessionDecoders;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Codec of the lottery's text dialect: reads {@link dev.switchboard.adapter.in.tcp.lottery.message.TextFrame}s
 * and writes each answer {@link String} as a frame of its own (8-byte length, then UTF-8 body).
 */
public final class LotteryTextProtocolCodecFactory implements ProtocolCodecFactory {

    public static final int DEFAULT_MAX_FRAME = 8192;

    private static final ProtocolEncoder ENCODER = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            byte[] body = ((String) message).getBytes(StandardCharsets.UTF_8);
            IoBuffer frame = IoBuffer.allocate(LengthPrefixedFrameDecoder.PREFIX_BYTES + body.length);
            frame.putLong(body.length).put(body).flip();
            out.write(frame);
        }
    };

    // MINA asks the factory for the decoder on every read: the per-session instance lives here
    private static final AttributeKey DECODER = new AttributeKey(LotteryTextProtocolCodecFactory.class, "decoder");

    private final int maxFrameBytes;

    public LotteryTextProtocolCodecFactory(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return ENCODER;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return SessionDecoders.of(session, DECODER, () -> new LengthPrefixedFrameDecoder(maxFrameBytes));
    }
}
