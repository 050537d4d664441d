package dev.switchboard.adapter.in.tcp.lottery.message;

/** What the text dialect's frame decoder hands the session handler: a body, or why there is none. */
public sealed interface TextFrame {

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
