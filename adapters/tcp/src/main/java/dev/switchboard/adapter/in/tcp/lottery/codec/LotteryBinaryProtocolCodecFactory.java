package dev.switchboard.adapter.in.tcp.lottery.codec;

import dev.switchboard.adapter.in.tcp.common.codec.SessionCodecFactory;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Codec of the lottery's binary dialect: reads {@link dev.switchboard.adapter.tcp.lottery.protocol.BinaryMessage}s
 * and writes answers given as ready-made {@code byte[]}.
 */
public final class LotteryBinaryProtocolCodecFactory extends SessionCodecFactory {

    private static final ProtocolEncoder ENCODER = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            out.write(IoBuffer.wrap((byte[]) message));
        }
    };

    private final int maxFrameBytes;

    public LotteryBinaryProtocolCodecFactory(int maxFrameBytes) {
        super(ENCODER);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected ProtocolDecoder newDecoder() {
        return new LotteryBinaryMessageDecoder(maxFrameBytes);
    }
}
