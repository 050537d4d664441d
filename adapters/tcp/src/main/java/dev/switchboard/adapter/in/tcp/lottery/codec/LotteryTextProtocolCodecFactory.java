package dev.switchboard.adapter.in.tcp.lottery.codec;

import dev.switchboard.adapter.in.tcp.common.codec.SessionCodecFactory;
import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Codec of the lottery's text dialect: reads {@link dev.switchboard.adapter.tcp.lottery.protocol.TextFrame}s
 * and writes each answer {@link String} as a frame of its own (8-byte length, then UTF-8 body).
 */
public final class LotteryTextProtocolCodecFactory extends SessionCodecFactory {

    private static final ProtocolEncoder ENCODER = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            byte[] body = ((String) message).getBytes(StandardCharsets.UTF_8);
            IoBuffer frame = IoBuffer.allocate(TextFrame.PREFIX_BYTES + body.length);
            frame.putLong(body.length).put(body).flip();
            out.write(frame);
        }
    };

    private final int maxFrameBytes;

    public LotteryTextProtocolCodecFactory(int maxFrameBytes) {
        super(ENCODER);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected ProtocolDecoder newDecoder() {
        return new LengthPrefixedFrameDecoder(maxFrameBytes);
    }
}
