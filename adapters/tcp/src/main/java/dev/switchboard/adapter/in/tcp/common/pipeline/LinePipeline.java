package dev.switchboard.adapter.in.tcp.common.pipeline;

import java.util.Objects;
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
public final class LinePipeline<C> extends ReadPipeline<LinePipeline.LineState<C>> {

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
    public static final class Lines extends Requests {
        private final int maxLineBytes;
        private int searchFrom;
        private boolean tooLong;

        Lines(int maxLineBytes, Replies replies) {
            super(replies);
            this.maxLineBytes = maxLineBytes;
        }

        void reset(byte[] bytes, int from, int end, int searchFrom) {
            reset(bytes, from, end);
            this.searchFrom = Math.max(from, searchFrom);
            this.tooLong = false;
        }

        /**
         * Moves to the next complete line; false when none is left, when the next one is over the
         * limit, or when the answers held for the client reached their bound (the rest is kept).
         */
        @Override
        public boolean next() {
            if (tooLong || paused || atBound()) {
                return false;
            }
            for (int i = searchFrom; i < end; i++) {
                if (bytes[i] == '\n') {
                    int lineEnd = i > position && bytes[i - 1] == '\r' ? i - 1 : i;
                    if (lineEnd - position > maxLineBytes) {
                        tooLong = true;
                        return false;
                    }
                    found(position, lineEnd - position, i + 1);
                    searchFrom = position;
                    return true;
                }
            }
            searchFrom = end;
            return false;
        }

        /** The current line as text, for protocols that want it (UTF-8 decoding left to the caller otherwise). */
        public String ascii() {
            return new String(bytes, start(), length(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private final Protocol<C> protocol;
    private final int maxLineBytes;

    public LinePipeline(Protocol<C> protocol, int maxLineBytes) {
        this.protocol = Objects.requireNonNull(protocol, "'protocol' must not be null");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** A connection's state: the shared part, the protocol's, and its line cutter. */
    static final class LineState<C> extends ReadPipeline.State {
        final C connection;
        final Lines lines;

        LineState(IoSession session, Protocol<C> protocol, int maxLineBytes) {
            super(session);
            this.lines = new Lines(maxLineBytes, replies);
            this.connection = protocol.open(session);
        }
    }

    @Override
    LineState<C> open(IoSession session) {
        return new LineState<>(session, protocol, maxLineBytes);
    }

    /** Hands the complete lines in {@code bytes[from, end)} to the protocol and keeps the rest. */
    @Override
    void take(LineState<C> state, byte[] bytes, int from, int end, int searchFrom) {
        Lines lines = state.lines;
        lines.reset(bytes, from, end, searchFrom);
        protocol.lines(state.connection, lines, state.replies);
        if (!lines.tooLong && !lines.paused && lines.searchFrom < end) {
            throw new IllegalStateException("the protocol left lines of the read unhandled");
        }
        int rest = end - lines.position;
        if (lines.tooLong || (!lines.paused && rest > maxLineBytes + 1)) {
            // +1 leaves room for the '\r' of a CRLF line exactly at the limit
            closeWith(state, protocol.tooLong(state.connection));
            return;
        }
        keep(state, bytes, lines.position, end, lines.paused);
    }
}
