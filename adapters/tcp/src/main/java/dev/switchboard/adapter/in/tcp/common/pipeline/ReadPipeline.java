package dev.switchboard.adapter.in.tcp.common.pipeline;

import dev.switchboard.adapter.in.tcp.common.ConnectionGuardFilter;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * What the line and frame pipelines share, whatever they cut: the state of each connection (its
 * {@link Replies}, the bytes not taken yet, whether reading is held back), a read's bytes taken
 * where they are when nothing is carried, otherwise joined to what was, and after each cut the
 * same tail — keep the rest, hold or resume reading at the answers' bound, flush the ready
 * answers in one write, keep a client waiting for a slow answer from its idle timeout — or, for a
 * request that can never be taken, its last answer and nothing read after it. A subclass says
 * only where a request ends ({@link #take}).
 *
 * @param <S> the connection state of the subclass
 */
public abstract class ReadPipeline<S extends ReadPipeline.State> extends IoHandlerAdapter {

    /** A connection's state on any pipeline; a subclass adds its protocol's part and its cutter. */
    static class State {
        final Replies replies;
        final Carry carry = new Carry();
        /** The carry holds whole requests not taken yet (the answers were at their bound). */
        boolean paused;
        /** A request over the limit was answered: the rest of the connection is not read. */
        boolean discarding;
        /** Exempt from the idle timeout: an answer is being made (a client waiting for it is not idle). */
        boolean waitingExempt;

        State(IoSession session) {
            this.replies = new Replies(session);
        }
    }

    private static final AttributeKey STATE = new AttributeKey(ReadPipeline.class, "state");

    ReadPipeline() {
    }

    /** The state of a new connection. */
    abstract S open(IoSession session);

    /**
     * Hands the whole requests in {@code bytes[from, end)} to the protocol, then ends with
     * {@link #keep} or {@link #closeWith}. Bytes before {@code searchFrom} were looked at before
     * and hold no end of a request (a cutter that does not search may ignore it).
     */
    abstract void take(S state, byte[] bytes, int from, int end, int searchFrom);

    @SuppressWarnings("unchecked")
    private S state(IoSession session) {
        S state = (S) session.getAttribute(STATE);
        if (state == null) {
            state = open(session);
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
        S state = state(session);
        IoBuffer in = (IoBuffer) message;
        if (state.discarding) {
            in.position(in.limit());
            return;
        }
        if (state.carry.size == 0 && in.hasArray()) {
            // the usual case: the read starts with a new request; read its bytes where they are
            int from = in.arrayOffset() + in.position();
            int end = in.arrayOffset() + in.limit();
            in.position(in.limit());
            take(state, in.array(), from, end, from);
            return;
        }
        // requests kept back are searched again from their start; a partial one only from its end
        int searchFrom = state.paused ? 0 : state.carry.size;
        state.carry.append(in);
        take(state, state.carry.bytes, 0, state.carry.size, searchFrom);
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        S state = state(session);
        state.replies.written();
        if (state.waitingExempt && state.replies.waiting() == 0) {
            state.waitingExempt = false;
            ConnectionGuardFilter.exemptFromIdle(session, false);
        }
        // requests kept back while the client was not reading: take them once it has read enough
        if (state.paused && !state.discarding && state.replies.drained()) {
            take(state, state.carry.bytes, 0, state.carry.size, 0);
        }
    }

    /**
     * The end of a cut: keeps {@code bytes[position, end)} for the next read, holds reading while
     * {@code paused} (the answers reached their bound) or resumes it, writes the ready answers and
     * exempts a client waiting for an answer from the idle timeout.
     */
    final void keep(S state, byte[] bytes, int position, int end, boolean paused) {
        state.carry.keep(bytes, position, end - position);
        if (paused != state.paused) {
            state.paused = paused;
            state.replies.holdingLines(paused);
        }
        state.replies.flush();
        if (!state.waitingExempt && state.replies.waiting() > 0) {
            // a client waiting for a slow answer (a commit, the draw) sends nothing, yet it is not idle
            state.waitingExempt = true;
            ConnectionGuardFilter.exemptFromIdle(state.replies.session(), true);
        }
    }

    /** The end of a cut that met a request over the limit: {@code last} is the last answer, nothing more is read. */
    final void closeWith(S state, byte[] last) {
        state.discarding = true;
        state.carry.clear();
        state.paused = false;
        state.replies.last(last);
    }
}
