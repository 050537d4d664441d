package dev.switchboard.adapter.in.tcp.common;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.mina.core.future.IoFutureListener;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection's answers in request order while requests complete in any order, so a
 * client may pipeline. Each request's answer is a stage; answers are written as soon as they and
 * every answer before them are ready.
 *
 * <p>Backpressure: when too many answers are outstanding, or too many bytes wait to be written
 * to a client that does not read, the session stops reading until the queue drains. A client
 * that floods a connection slows itself down instead of growing the server's memory.
 *
 * <p>Answer stages must complete normally with the message to write: map failures to the
 * protocol's error answer before enqueueing.
 */
public final class ReplySequencer {

    private static final Logger log = LoggerFactory.getLogger(ReplySequencer.class);
    private static final AttributeKey KEY = new AttributeKey(ReplySequencer.class, "replies");
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** Outstanding answers at which a session stops reading. */
    static final int MAX_PENDING = 4096;
    /** Bytes queued for a slow reader at which a session stops reading. */
    static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;

    private final IoSession session;
    private final ArrayDeque<CompletableFuture<?>> pending = new ArrayDeque<>();
    private boolean suspended;
    private boolean closing;

    private ReplySequencer(IoSession session) {
        this.session = session;
    }

    /** The sequencer of this session, made on first use. */
    public static ReplySequencer of(IoSession session) {
        ReplySequencer existing = (ReplySequencer) session.getAttribute(KEY);
        if (existing != null) {
            return existing;
        }
        ReplySequencer made = new ReplySequencer(session);
        existing = (ReplySequencer) session.setAttributeIfAbsent(KEY, made);
        return existing != null ? existing : made;
    }

    /** Queues the answer to the next request. */
    public void enqueue(CompletionStage<?> answer) {
        CompletableFuture<?> future = answer.toCompletableFuture();
        synchronized (this) {
            if (closing) {
                return;
            }
            pending.add(future);
            throttle();
        }
        future.whenComplete((r, e) -> drain());
    }

    /** Queues an answer that is ready now. */
    public void enqueueNow(Object answer) {
        enqueue(CompletableFuture.completedFuture(answer));
    }

    /** Queues a last answer: once it is written the connection closes, and nothing after it is read or answered. */
    public void enqueueFinal(Object answer) {
        synchronized (this) {
            if (closing) {
                return;
            }
            pending.add(CompletableFuture.completedFuture(new Final(answer)));
            session.suspendRead();
            suspended = true;
        }
        drain();
    }

    /** Completes when every answer queued so far is ready: run a read after it to see this connection's writes. */
    public synchronized CompletableFuture<Void> afterPending() {
        if (pending.isEmpty()) {
            return DONE;
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    /** How many answers are waiting to be written. */
    public synchronized int pending() {
        return pending.size();
    }

    /** Re-checks backpressure after bytes were written: call from the handler's {@code messageSent}. */
    public void written() {
        drain();
    }

    private record Final(Object answer) {
    }

    private synchronized void drain() {
        while (!closing && !pending.isEmpty() && pending.peek().isDone()) {
            CompletableFuture<?> head = pending.poll();
            if (head.isCompletedExceptionally()) {
                // a handler bug: never leave the client waiting for an answer that will not come
                log.warn("{} an answer failed; closing the connection", session.getRemoteAddress());
                closing = true;
                session.closeNow();
                return;
            }
            Object message = head.getNow(null);
            if (message instanceof Final last) {
                closing = true;
                pending.clear();
                session.write(last.answer()).addListener(IoFutureListener.CLOSE);
                return;
            }
            session.write(message);
        }
        throttle();
    }

    private void throttle() {
        boolean overloaded = pending.size() >= MAX_PENDING || session.getScheduledWriteBytes() > MAX_QUEUED_BYTES;
        if (overloaded && !suspended) {
            session.suspendRead();
            suspended = true;
        } else if (!overloaded && suspended && !closing
                && pending.size() <= MAX_PENDING / 2
                && session.getScheduledWriteBytes() <= MAX_QUEUED_BYTES / 2) {
            session.resumeRead();
            suspended = false;
        }
    }
}
