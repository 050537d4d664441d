package dev.switchboard.adapter.tcp.lottery.protocol;

/**
 * The text dialect's framing: an 8-byte big-endian length, then that many bytes of UTF-8 body
 * (read straight from the bytes by {@link LotteryTextRequest#parse(byte[], int, int)}).
 */
public final class TextFrame {

    /** Bytes of the length prefix. */
    public static final int PREFIX_BYTES = Long.BYTES;
    /** The frame limit a server and an agency use unless told otherwise. */
    public static final int DEFAULT_MAX_FRAME = 8192;

    private TextFrame() {
    }
}
