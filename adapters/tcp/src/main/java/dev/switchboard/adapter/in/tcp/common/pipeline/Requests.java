package dev.switchboard.adapter.in.tcp.common.pipeline;

/**
 * The whole requests of one read, as a pipeline hands them to its protocol: the current one is
 * {@link #bytes()} from {@link #start()}, {@link #length()} long. What the line and frame cutters
 * share: where the read stands, and the stop when the answers held for the client reached their
 * bound (the rest is kept for later).
 */
public abstract class Requests {
    final Replies replies;
    byte[] bytes;
    /** Where the next request starts. */
    int position;
    int end;
    private int start;
    private int length;
    /** Stopped at the answers' bound, with requests left. */
    boolean paused;

    Requests(Replies replies) {
        this.replies = replies;
    }

    /** Moves to the next whole request; false when there is none to take now. */
    public abstract boolean next();

    final void reset(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.position = from;
        this.end = end;
        this.paused = false;
    }

    /** True (and paused) when bytes are left but the answers held for the client reached their bound. */
    final boolean atBound() {
        if (position < end && replies.full()) {
            paused = true;
            return true;
        }
        return false;
    }

    /** The current request is {@code bytes[from, from + length)}; the next starts at {@code next}. */
    final void found(int from, int length, int next) {
        this.start = from;
        this.length = length;
        this.position = next;
    }

    public final byte[] bytes() {
        return bytes;
    }

    public final int start() {
        return start;
    }

    public final int length() {
        return length;
    }
}
