package dev.switchboard.adapter.in.tcp.common.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Splits a byte stream into {@code \n}-terminated UTF-8 lines of at most {@code maxLineBytes}
 * bytes. Lines split across reads are joined, several lines in one read are all delivered.
 * A line over the limit is reported as soon as the buffered bytes pass it (without waiting for
 * its end) and everything after it is discarded, since the connection is about to close.
 *
 * <p>A decoder keeps state (the scan position), so a codec factory keeps one per session.
 */
public final class LineDecoder extends CumulativeProtocolDecoder {

    private static final AttributeKey DISCARDING = new AttributeKey(LineDecoder.class, "discarding");

    private final int maxLineBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int scanned;

    public LineDecoder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        if (session.containsAttribute(DISCARDING)) {
            in.position(in.limit());
            return false;
        }
        int start = in.position();
        int limit = in.limit();
        for (int i = start + scanned; i < limit; i++) {
            if (in.get(i) == '\n') {
                scanned = 0;
                int end = (i > start && in.get(i - 1) == '\r') ? i - 1 : i;
                int length = end - start;
                if (length > maxLineBytes) {
                    tooLong(session, in, out);
                    return false;
                }
                out.write(decode(in, start, length));
                in.position(i + 1);
                return true;
            }
        }
        scanned = limit - start;
        // +1 leaves room for the '\r' of a CRLF line that is exactly at the limit
        if (scanned > maxLineBytes + 1) {
            tooLong(session, in, out);
        }
        return false;
    }

    private void tooLong(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        scanned = 0;
        session.setAttribute(DISCARDING, Boolean.TRUE);
        in.position(in.limit());
        out.write(new DecodedLine.TooLong(maxLineBytes));
    }

    private DecodedLine decode(IoBuffer in, int start, int length) {
        ByteBuffer bytes = in.buf().duplicate();
        bytes.limit(start + length).position(start);
        try {
            return new DecodedLine.Text(utf8.reset().decode(bytes).toString());
        } catch (CharacterCodingException e) {
            return new DecodedLine.Malformed(length);
        }
    }
}
