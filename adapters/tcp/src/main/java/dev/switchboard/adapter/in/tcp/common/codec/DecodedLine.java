package dev.switchboard.adapter.in.tcp.common.codec;

/** What {@link LineDecoder} hands the session handler: a line of text, or why there is none. */
public sealed interface DecodedLine {

    /** One line, without its {@code \n} (and without a {@code \r} before it). */
    record Text(String text) implements DecodedLine {
    }

    /** A line whose bytes are not valid UTF-8. The connection is still usable. */
    record Malformed(int bytes) implements DecodedLine {
    }

    /** A line over the limit. Nothing more is read from this connection: answer, then close. */
    record TooLong(int limit) implements DecodedLine {
    }
}
