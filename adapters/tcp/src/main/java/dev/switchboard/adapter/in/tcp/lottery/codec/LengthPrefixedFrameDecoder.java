package dev.switchboard.adapter.in.tcp.lottery.codec;

import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Splits the text dialect's stream into frames: an 8-byte big-endian unsigned length, then that
 * many bytes of body, handed on as bytes (the request is read from them, UTF-8 checked there). A length over the limit (or over 2^63, which reads negative) is
 * reported as soon as the 8 prefix bytes are in, before any of the body is buffered, and
 * everything after it is discarded: the connection is about to close. So no connection ever
 * buffers more than one frame of at most {@code maxFrameBytes}.
 *
 * <p>Keeps state (discarding), so the codec factory makes one per session.
 */
public final class LengthPrefixedFrameDecoder extends CumulativeProtocolDecoder {

    private final int maxFrameBytes;
    private boolean discarding;

    public LengthPrefixedFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        if (discarding) {
            in.position(in.limit());
            return false;
        }
        if (in.remaining() < TextFrame.PREFIX_BYTES) {
            return false;
        }
        long length = in.getLong(in.position());
        if (length < 0 || length > maxFrameBytes) {
            discarding = true;
            in.position(in.limit());
            out.write(new TextFrame.TooLarge(length, maxFrameBytes));
            return false;
        }
        if (in.remaining() < TextFrame.PREFIX_BYTES + length) {
            return false;
        }
        in.skip(TextFrame.PREFIX_BYTES);
        byte[] body = new byte[(int) length];
        in.get(body);
        out.write(new TextFrame.Body(body));
        return true;
    }
}
