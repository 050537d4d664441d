package dev.switchboard.adapter.tcp.lottery.protocol;

/**
 * The text dialect's framing (an 8-byte big-endian length, then that many bytes of UTF-8 body),
 * and what the server's frame decoder hands the session handler: a body, or why there is none.
 */
public sealed interface TextFrame {

    /** Bytes of the length prefix. */
    int PREFIX_BYTES = Long.BYTES;
    /** The frame limit a server and an agency use unless told otherwise. */
    int DEFAULT_MAX_FRAME = 8192;

    /** A whole frame body, decoded as UTF-8. */
    record Text(String body) implements TextFrame {
    }

    /** A whole frame whose body is not valid UTF-8. Frame boundaries are intact: the connection stays usable. */
    record Malformed(int bytes) implements TextFrame {
    }

    /**
     * A frame announced longer than the limit. Judged from the length prefix alone; nothing more
     * is read from this connection: answer, then close.
     */
    record TooLarge(long announced, int limit) implements TextFrame {
    }
}
