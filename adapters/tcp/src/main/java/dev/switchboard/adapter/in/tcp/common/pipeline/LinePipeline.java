package dev.switchboard.adapter.in.tcp.common.pipeline;

import dev.switchboard.adapter.in.tcp.common.ConnectionGuardFilter;
import java.util.Objects;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * The pipeline of a line protocol, in place of a codec and a per-request handler: each read's
 * bytes are cut into {@code \n}-terminated lines (a {@code \r} before the {@code \n} dropped)
 * without copying them when the read holds whole lines, the protocol handles all the lines of
 * the read in one call, and the answers that are ready then leave in one write
 * ({@link Replies}). A line split across reads is joined; a line over {@code maxLineBytes} is
 * answered with the protocol's {@link Protocol#tooLong} as soon as the buffered bytes pass the
 * limit (earlier lines are answered first), then the connection closes and nothing after it is
 * read.
 *
 * <p>Bounded per connection: before each line it hands out, the pipeline asks the connection's
 * {@link Replies} whether the answers held for the client reached their bound; if so it stops
 * there, keeps the rest of the read, suspends reading, and takes the kept lines once the client
 * has read enough of its answers. A client that pipelines without reading cannot make the server
 * hold more than about the bound, however much one read asks for.
 *
 * <p>Use it as the handler of a {@code MinaTcpServer} built without a codec.
 *
 * @param <C> what the protocol keeps per connection
 */
public final class LinePipeline<C> extends IoHandlerAdapter {

    /** One protocol on the pipeline. */
    public interface Protocol<C> {

        /** The state of a new connection. */
        C open(IoSession session);

        /**
         * Handles the complete lines of one read, in order: call {@link Lines#next()} until it
         * answers false, and queue each line's answer, in order, on {@code replies}.
         */
        void lines(C connection, Lines lines, Replies replies);

        /** The last answer to a line over the limit; the connection closes after it. */
        byte[] tooLong(C connection);
    }

    /** The complete lines of one read; a line is {@link #bytes()} from {@link #start()}, {@link #length()} long. */
    public static final class Lines {
        private final int maxLineBytes;
        private final Replies replies;
        private byte[] bytes;
        private int position;
        private int end;
        private int searchFrom;
        private int start;
        private int length;
        private boolean tooLong;
        private boolean paused;

        Lines(int maxLineBytes, Replies replies) {
            this.maxLineBytes = maxLineBytes;
            this.replies = replies;
        }

        void reset(byte[] bytes, int from, int end, int searchFrom) {
            this.bytes = bytes;
            this.position = from;
            this.end = end;
            this.searchFrom = Math.max(from, searchFrom);
            this.tooLong = false;
            this.paused = false;
        }

        /**
         * Moves to the next complete line; false when none is left, when the next one is over the
         * limit, or when the answers held for the client reached their bound (the rest is kept).
         */
        public boolean next() {
            if (tooLong || paused) {
                return false;
            }
            if (position < end && replies.full()) {
                paused = true;
                return false;
            }
            for (int i = searchFrom; i < end; i++) {
                if (bytes[i] == '\n') {
                    int lineEnd = i > position && bytes[i - 1] == '\r' ? i - 1 : i;
                    if (lineEnd - position > maxLineBytes) {
                        tooLong = true;
                        return false;
                    }
                    start = position;
                    length = lineEnd - position;
                    position = i + 1;
                    searchFrom = position;
                    return true;
                }
            }
            searchFrom = end;
            return false;
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

        /** The current line as text, for protocols that want it (UTF-8 decoding left to the caller otherwise). */
        public String ascii() {
            return new String(bytes, start, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private static final AttributeKey STATE = new AttributeKey(LinePipeline.class, "state");

    private final Protocol<C> protocol;
    private final int maxLineBytes;

    public LinePipeline(Protocol<C> protocol, int maxLineBytes) {
        this.protocol = Objects.requireNonNull(protocol, "'protocol' must not be null");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** A connection's state: the protocol's, its answers, and the start of a line not ended yet. */
    private final class State {
        final C connection;
        final Replies replies;
        final Lines lines;
        final Carry carry = new Carry();
        /** The carry holds complete lines not taken yet (the answers were at their bound). */
        boolean paused;
        boolean discarding;
        /** Exempt from the idle timeout: an answer is being made (a client waiting for it is not idle). */
        boolean waitingExempt;

        State(IoSession session) {
            this.replies = new Replies(session);
            this.lines = new Lines(maxLineBytes, replies);
            this.connection = protocol.open(session);
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
            // the usual case: the read starts with a new line; read its bytes where they are
            int from = in.arrayOffset() + in.position();
            int end = in.arrayOffset() + in.limit();
            in.position(in.limit());
            take(state, in.array(), from, end, from);
            return;
        }
        // lines kept back are searched again from their start; a partial line only from its end
        int searchFrom = state.paused ? 0 : state.carry.size;
        state.carry.append(in);
        take(state, state.carry.bytes, 0, state.carry.size, searchFrom);
    }

    /** Hands the complete lines in {@code bytes[from, end)} to the protocol and keeps the rest. */
    private void take(State state, byte[] bytes, int from, int end, int searchFrom) {
        Lines lines = state.lines;
        lines.reset(bytes, from, end, searchFrom);
        protocol.lines(state.connection, lines, state.replies);
        if (!lines.tooLong && !lines.paused && lines.searchFrom < end) {
            throw new IllegalStateException("the protocol left lines of the read unhandled");
        }
        int rest = end - lines.position;
        if (lines.tooLong || (!lines.paused && rest > maxLineBytes + 1)) {
            // +1 leaves room for the '\r' of a CRLF line exactly at the limit
            state.discarding = true;
            state.carry.clear();
            state.paused = false;
            state.replies.last(protocol.tooLong(state.connection));
            return;
        }
        state.carry.keep(bytes, lines.position, rest);
        if (lines.paused != state.paused) {
            state.paused = lines.paused;
            state.replies.holdingLines(lines.paused);
        }
        state.replies.flush();
        if (!state.waitingExempt && state.replies.waiting() > 0) {
            // a client waiting for a slow answer sends nothing, yet it is not idle
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
        // lines kept back while the client was not reading: take them once it has read enough
        if (state.paused && !state.discarding && state.replies.drained()) {
            take(state, state.carry.bytes, 0, state.carry.size, 0);
        }
    }
}
