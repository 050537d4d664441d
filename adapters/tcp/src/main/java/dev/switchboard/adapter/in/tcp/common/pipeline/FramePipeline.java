package dev.switchboard.adapter.in.tcp.common.pipeline;

import dev.switchboard.adapter.in.tcp.common.ConnectionGuardFilter;
import java.util.Objects;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
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
public final class FramePipeline<C> extends IoHandlerAdapter {

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
    public static final class Frames {
        private final Replies replies;
        private Framing framing;
        private byte[] bytes;
        private int position;
        private int end;
        private int start;
        private int length;
        private boolean tooLarge;
        private boolean paused;
        private boolean exhausted;

        Frames(Replies replies) {
            this.replies = replies;
        }

        void reset(Framing framing, byte[] bytes, int from, int end) {
            this.framing = framing;
            this.bytes = bytes;
            this.position = from;
            this.end = end;
            this.tooLarge = false;
            this.paused = false;
            this.exhausted = false;
        }

        /**
         * Moves to the next whole frame; false when none is left, when the next one is over the
         * limit, or when the answers held for the client reached their bound (the rest is kept).
         */
        public boolean next() {
            if (tooLarge || paused || exhausted) {
                return false;
            }
            if (position < end && replies.full()) {
                paused = true;
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
            start = position;
            length = n;
            position += n;
            return true;
        }

        public byte[] bytes() {
            return bytes;
        }

        public int start() {
            return start;
        }

        public int length() {
            return length;
        }
    }

    private static final AttributeKey STATE = new AttributeKey(FramePipeline.class, "state");

    private final Protocol<C> protocol;

    public FramePipeline(Protocol<C> protocol) {
        this.protocol = Objects.requireNonNull(protocol, "'protocol' must not be null");
    }

    /** A connection's state: the protocol's, its answers, and the bytes not taken yet. */
    private final class State {
        final C connection;
        final Framing framing;
        final Replies replies;
        final Frames frames;
        final Carry carry = new Carry();
        boolean paused;
        boolean discarding;
        boolean waitingExempt;

        State(IoSession session) {
            this.replies = new Replies(session);
            this.frames = new Frames(replies);
            this.connection = protocol.open(session);
            this.framing = protocol.framing(connection);
        }
    }

    @SuppressWarnings("unchecked")
    private State state(IoSession session) {
        State state = (State) session.getAttribute(STATE);
        if (state == null) {
            state = new State(session);
            session.setAttribute(STATE, state);
        }
        return state;
    }

    /** The replies of a session on this pipeline (made on first use). */
    public Replies replies(IoSession session) {
        return state(session).replies;
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        State state = state(session);
        IoBuffer in = (IoBuffer) message;
        if (state.discarding) {
            in.position(in.limit());
            return;
        }
        if (state.carry.size == 0 && in.hasArray()) {
            int from = in.arrayOffset() + in.position();
            int end = in.arrayOffset() + in.limit();
            in.position(in.limit());
            take(state, in.array(), from, end);
            return;
        }
        state.carry.append(in);
        take(state, state.carry.bytes, 0, state.carry.size);
    }

    private void take(State state, byte[] bytes, int from, int end) {
        Frames frames = state.frames;
        frames.reset(state.framing, bytes, from, end);
        protocol.frames(state.connection, frames, state.replies);
        if (!frames.tooLarge && !frames.paused && !frames.exhausted) {
            throw new IllegalStateException("the protocol left frames of the read unhandled");
        }
        if (frames.tooLarge) {
            state.discarding = true;
            state.carry.clear();
            state.paused = false;
            state.replies.last(protocol.tooLarge(state.connection));
            return;
        }
        state.carry.keep(bytes, frames.position, end - frames.position);
        if (frames.paused != state.paused) {
            state.paused = frames.paused;
            state.replies.holdingLines(frames.paused);
        }
        state.replies.flush();
        if (!state.waitingExempt && state.replies.waiting() > 0) {
            // a client waiting for a slow answer (a commit, the draw) sends nothing, yet it is not idle
            state.waitingExempt = true;
            ConnectionGuardFilter.exemptFromIdle(state.replies.session(), true);
        }
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        State state = state(session);
        state.replies.written();
        if (state.waitingExempt && state.replies.waiting() == 0) {
            state.waitingExempt = false;
            ConnectionGuardFilter.exemptFromIdle(session, false);
        }
        if (state.paused && !state.discarding && state.replies.drained()) {
            take(state, state.carry.bytes, 0, state.carry.size);
        }
    }
}
