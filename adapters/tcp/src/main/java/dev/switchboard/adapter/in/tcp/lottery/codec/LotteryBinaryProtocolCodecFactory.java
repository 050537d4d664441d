package dev.switchboard.adapter.in.tcp.lottery.codec;

import dev.switchboard.adapter.in.tcp.common.codec.SessionDecoders;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Codec of the lottery's binary dialect: reads {@link dev.switchboard.adapter.in.tcp.lottery.message.BinaryMessage}s
 * and writes answers given as ready-made {@code byte[]}.
 */
public final class LotteryBinaryProtocolCodecFactory implements ProtocolCodecFactory {

    private static final ProtocolEncoder ENCODER = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            out.write(IoBuffer.wrap((byte[]) message));
        }
    };

    // MINA asks the factory for the decoder on every read: the per-session instance lives here
    private static final AttributeKey DECODER = new AttributeKey(LotteryBinaryProtocolCodecFactory.class, "decoder");

    private final int maxFrameBytes;

    public LotteryBinaryProtocolCodecFactory(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return ENCODER;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return SessionDecoders.of(session, DECODER, () -> new LotteryBinaryMessageDecoder(maxFrameBytes));
    }
}
