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

    /**
     * A whole frame body, as bytes: it is read straight from them ({@link LotteryTextRequest#parse(byte[], int, int)}),
     * its UTF-8 checked there. Frame boundaries are intact even when it is not UTF-8.
     */
    record Body(byte[] bytes) implements TextFrame {

        public static Body of(String text) {
            return new Body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Body other && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Body[" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8) + "]";
        }
    }

    /**
     * A frame announced longer than the limit. Judged from the length prefix alone; nothing more
     * is read from this connection: answer, then close.
     */
    record TooLarge(long announced, int limit) implements TextFrame {
    }
}
