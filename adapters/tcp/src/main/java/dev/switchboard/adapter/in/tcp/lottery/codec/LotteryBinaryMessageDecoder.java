package dev.switchboard.adapter.in.tcp.lottery.codec;

import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryMessage;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Splits the binary dialect's stream: the first int32 of a connection is the agency id, then
 * each message is a count int32 followed by {@code count} 70-byte bets (count 0: done). A count
 * that is negative or whose batch would pass the frame limit is reported from the count alone,
 * before its bets are buffered, and everything after it is discarded.
 *
 * <p>Keeps state (whether the agency id was read), so the codec factory makes one per session.
 */
public final class LotteryBinaryMessageDecoder extends CumulativeProtocolDecoder {

    private final int maxFrameBytes;
    private boolean helloRead;
    private boolean discarding;

    public LotteryBinaryMessageDecoder(int maxFrameBytes) {
        if (maxFrameBytes < BinaryBets.frameBytes(1)) {
            throw new IllegalArgumentException("maxFrameBytes must hold at least one bet");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        if (discarding) {
            in.position(in.limit());
            return false;
        }
        if (in.remaining() < Integer.BYTES) {
            return false;
        }
        if (!helloRead) {
            helloRead = true;
            out.write(new BinaryMessage.Hello(in.getInt()));
            return true;
        }
        int count = in.getInt(in.position());
        if (count == 0) {
            in.skip(Integer.BYTES);
            out.write(new BinaryMessage.Done());
            return true;
        }
        if (count < 0 || BinaryBets.frameBytes(count) > maxFrameBytes) {
            discarding = true;
            in.position(in.limit());
            out.write(new BinaryMessage.TooLarge(count, maxFrameBytes));
            return false;
        }
        int frame = (int) BinaryBets.frameBytes(count);
        if (in.remaining() < frame) {
            return false;
        }
        in.skip(Integer.BYTES);
        byte[] bets = new byte[count * BinaryBets.BET_BYTES];
        in.get(bets);
        out.write(new BinaryMessage.Batch(count, bets));
        return true;
    }
}
