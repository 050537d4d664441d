package dev.switchboard.adapter.tcp.lottery.protocol;

/** What the binary dialect's decoder hands the session handler. */
public sealed interface BinaryMessage {

    /** The first int32 of a connection: the agency id. */
    record Hello(int agency) implements BinaryMessage {
    }

    /** A batch: its count and the {@code count * 70} bytes of its bets, not yet checked. */
    record Batch(int count, byte[] bets) implements BinaryMessage {
    }

    /** Count 0: the agency is done. */
    record Done() implements BinaryMessage {
    }

    /**
     * A count that is negative or announces more bytes than the frame limit; judged from the
     * count alone. Nothing more is read from this connection: answer, then close.
     */
    record TooLarge(int count, int limit) implements BinaryMessage {
    }
}
