package dev.switchboard.adapter.in.tcp.common.codec;

import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Codec for line protocols: reads {@link DecodedLine}s and writes {@link String}s as UTF-8
 * bytes exactly as given (the handler decides the line ends).
 */
public final class TextLineCodecFactory extends SessionCodecFactory {

    private static final ProtocolEncoder ENCODER = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            byte[] bytes = ((String) message).getBytes(StandardCharsets.UTF_8);
            out.write(IoBuffer.wrap(bytes));
        }
    };

    private final int maxLineBytes;

    public TextLineCodecFactory(int maxLineBytes) {
        super(ENCODER);
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected ProtocolDecoder newDecoder() {
        return new LineDecoder(maxLineBytes);
    }
}
