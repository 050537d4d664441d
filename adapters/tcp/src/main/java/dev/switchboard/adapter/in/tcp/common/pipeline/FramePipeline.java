package dev.switchboard.adapter.in.tcp.common.pipeline;

import java.util.Objects;
import org.apache.mina.core.session.IoSession;

/**
 * The pipeline of a framed protocol (length-prefixed frames, counted records), as
 * {@link LinePipeline} is for lines: each read's bytes are cut into whole frames by the
 * protocol's {@link Framing} without copying them when the read holds whole frames, the protocol
 * handles all the frames of the read in one call, and the answers that are ready then leave in
 * one write ({@link Replies}). A frame split across reads is joined. A frame whose header says it
 * can never be taken (over the limit) is answered with the protocol's {@link Protocol#tooLarge}
 * as soon as the header is in, after the frames before it, then the connection closes and
 * nothing after it is read. The answers held per connection are bounded as on the line pipeline:
 * at the bound the pipeline stops taking frames, keeps the rest and stops reading until the
 * client has read its answers.
 *
 * <p>Use it as the handler of a {@code MinaTcpServer} built without a codec.
 *
 * @param <C> what the protocol keeps per connection
 */
public final class FramePipeline<C> extends ReadPipeline<FramePipeline.FrameState<C>> {

    /** Where frames end, for one connection (it may keep state, such as whether a greeting came). */
    public interface Framing {

        /** What {@link #frame} answers for a frame that can never be taken. */
        int TOO_LARGE = -1;

        /**
         * The length of the frame that starts at {@code from}, header included, when all of it is
         * in {@code bytes} before {@code end}; 0 when more bytes are needed; {@link #TOO_LARGE}
         * when its header already says it is over the limit. Called again for the same frame
         * until it answers a length; only a length may change the framing's state.
         */
        int frame(byte[] bytes, int from, int end);
    }

    /** One protocol on the pipeline. */
    public interface Protocol<C> {

        /** The state of a new connection. */
        C open(IoSession session);

        /** The connection's framing. */
        Framing framing(C connection);

        /**
         * Handles the whole frames of one read, in order: call {@link Frames#next()} until it
         * answers false, and queue each frame's answer, in order, on {@code replies}.
         */
        void frames(C connection, Frames frames, Replies replies);

        /** The last answer to a frame over the limit; the connection closes after it. */
        byte[] tooLarge(C connection);
    }

    /** The whole frames of one read; a frame is {@link #bytes()} from {@link #start()}, {@link #length()} long, header included. */
    public static final class Frames extends Requests {
        private Framing framing;
        private boolean tooLarge;
        private boolean exhausted;

        Frames(Replies replies) {
            super(replies);
        }

        void reset(Framing framing, byte[] bytes, int from, int end) {
            reset(bytes, from, end);
            this.framing = framing;
            this.tooLarge = false;
            this.exhausted = false;
        }

        /**
         * Moves to the next whole frame; false when none is left, when the next one is over the
         * limit, or when the answers held for the client reached their bound (the rest is kept).
         */
        @Override
        public boolean next() {
            if (tooLarge || paused || exhausted || atBound()) {
                return false;
            }
            int n = position < end ? framing.frame(bytes, position, end) : 0;
            if (n == Framing.TOO_LARGE) {
                tooLarge = true;
                return false;
            }
            if (n <= 0) {
                exhausted = true;
                return false;
            }
            found(position, n, position + n);
            return true;
        }
    }

    private final Protocol<C> protocol;

    public FramePipeline(Protocol<C> protocol) {
        this.protocol = Objects.requireNonNull(protocol, "'protocol' must not be null");
    }

    /** A connection's state: the shared part, the protocol's, its framing and its frame cutter. */
    static final class FrameState<C> extends ReadPipeline.State {
        final C connection;
        final Framing framing;
        final Frames frames;

        FrameState(IoSession session, Protocol<C> protocol) {
            super(session);
            this.frames = new Frames(replies);
            this.connection = protocol.open(session);
            this.framing = protocol.framing(connection);
        }
    }

    @Override
    FrameState<C> open(IoSession session) {
        return new FrameState<>(session, protocol);
    }

    /** Hands the whole frames in {@code bytes[from, end)} to the protocol and keeps the rest (frames are not searched). */
    @Override
    void take(FrameState<C> state, byte[] bytes, int from, int end, int searchFrom) {
        Frames frames = state.frames;
        frames.reset(state.framing, bytes, from, end);
        protocol.frames(state.connection, frames, state.replies);
        if (!frames.tooLarge && !frames.paused && !frames.exhausted) {
            throw new IllegalStateException("the protocol left frames of the read unhandled");
        }
        if (frames.tooLarge) {
            closeWith(state, protocol.tooLarge(state.connection));
            return;
        }
        keep(state, bytes, frames.position, end, frames.paused);
    }
}
