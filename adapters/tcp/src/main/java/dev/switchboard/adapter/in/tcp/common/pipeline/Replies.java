package dev.switchboard.adapter.in.tcp.common.pipeline;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.IoFutureListener;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's answers, in request order, written with as few writes as possible: the
 * answers that are ready when a read has been handled go out in one write, and an answer that
 * must wait (a commit, a read on a worker) holds back every answer after it until it is ready,
 * then they all go out in one write.
 *
 * <p>Backpressure: with too many answers outstanding, or too many bytes held for a client that
 * does not read, the connection stops reading until they drain; a client that floods a
 * connection slows itself down instead of growing the server's memory. The bytes held are the
 * answers not yet written ({@link #ready} ones, finished {@link #later} ones, and for a later
 * answer not finished yet its expected size) plus the bytes MINA has queued for the socket; the
 * {@link LinePipeline} asks {@link #full()} before taking each line, so even one read's lines
 * cannot make more answers than the bound (a line's own answer may pass it, once).
 *
 * <p>Answers from the I/O thread ({@link #ready}, {@link #later}, {@link #flush}) come from the
 * session's own handler calls, one at a time; completions of waiting answers may come from any
 * thread. Every method locks this object only.
 */
public final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    /** Waiting answers at which a connection stops reading. */
    static final int MAX_WAITING = 4096;
    /** Bytes held for a slow reader at which a connection stops reading (and taking lines). */
    static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;
    /** What a later answer of unknown size counts for until it is ready (a {@code get}'s series, say). */
    public static final int UNKNOWN_SIZE = 64 * 1024;

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final IoSession session;
    /** Entries in order: a {@link Chunk} of ready bytes, or a {@link Waiting} answer. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    /** Ready bytes not yet written, after everything in {@link #queue}. */
    private Chunk open = new Chunk(Chunk.FIRST_CAPACITY);
    /** The size of the last write: a new chunk starts that large, so a steady load never grows one. */
    private int lastWrite = Chunk.FIRST_CAPACITY;
    private int waiting;
    /** Bytes of answers queued here and not yet handed to MINA (expected sizes for unfinished ones). */
    private long held;
    /** The pipeline has lines of earlier reads it has not taken yet: keep reads suspended. */
    private boolean holdingLines;
    private boolean suspended;
    private boolean closing;

    public Replies(IoSession session) {
        this.session = session;
    }

    /** Queues an answer that is ready now; it is written at the next {@link #flush}. */
    public synchronized void ready(byte[] answer) {
        if (!closing) {
            open.add(answer);
            held += answer.length;
        }
    }

    /** Queues a ready answer made of {@code before}, {@code length} bytes of {@code bytes} from {@code from}, and {@code after}. */
    public synchronized void ready(byte[] before, byte[] bytes, int from, int length, byte[] after) {
        if (!closing) {
            open.add(before, 0, before.length);
            open.add(bytes, from, length);
            open.add(after, 0, after.length);
            held += before.length + length + after.length;
        }
    }

    /** Queues {@code times} copies of a ready answer. */
    public synchronized void ready(byte[] answer, int times) {
        if (!closing) {
            for (int i = 0; i < times; i++) {
                open.add(answer);
            }
            held += (long) answer.length * times;
        }
    }

    /**
     * Queues an answer that is not ready yet. The stage must complete normally with the bytes to
     * write: map failures to the protocol's error answer first. A stage that fails anyway closes
     * the connection (never a client left waiting for an answer that will not come).
     */
    public void later(CompletionStage<byte[]> answer) {
        later(answer, UNKNOWN_SIZE);
    }

    /** {@link #later(CompletionStage)} for an answer about {@code expectedBytes} long, counted so until it is ready. */
    public void later(CompletionStage<byte[]> answer, int expectedBytes) {
        Waiting entry = new Waiting(answer.toCompletableFuture(), Math.max(0, expectedBytes));
        synchronized (this) {
            if (closing) {
                return;
            }
            if (!open.isEmpty()) {
                queue.add(open);
                open = new Chunk(lastWrite);
            }
            queue.add(entry);
            waiting++;
            held += entry.expected;
            throttle();
        }
        entry.future.whenComplete((r, e) -> completed(entry, r));
    }

    /** A later answer is ready: count its real size instead of the expected one, and write what can go. */
    private synchronized void completed(Waiting entry, byte[] answer) {
        if (!entry.counted) {
            entry.counted = true;
            held += (answer == null ? 0 : answer.length) - entry.expected;
        }
        flushLocked();
    }

    /** Queues a last answer: written at the next flush, then the connection closes; nothing after it is answered. */
    public synchronized void last(byte[] answer) {
        if (closing) {
            return;
        }
        open.add(answer);
        held += answer.length;
        open.last = true;
        queue.add(open);
        open = new Chunk(lastWrite);
        session.suspendRead();
        suspended = true;
        flushLocked();
    }

    /** Completes once every answer queued so far is ready: a read after it sees this connection's writes. */
    public synchronized CompletableFuture<Void> afterEarlier() {
        if (waiting == 0) {
            return DONE;
        }
        CompletableFuture<?>[] ahead = queue.stream().filter(Waiting.class::isInstance)
                .map(w -> ((Waiting) w).future).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(ahead);
    }

    /** Writes, in one write, every ready answer not held back by a waiting one. */
    public synchronized void flush() {
        flushLocked();
    }

    /** Re-checks backpressure once bytes were written: call from the handler's {@code messageSent}. */
    public synchronized void written() {
        throttle();
    }

    public synchronized int waiting() {
        return waiting;
    }

    /**
     * Whether the answers held for this connection reached the bound: the pipeline takes no more
     * lines until they drain below half of it ({@link #drained()}).
     */
    public synchronized boolean full() {
        return waiting >= MAX_WAITING || held + session.getScheduledWriteBytes() > MAX_QUEUED_BYTES;
    }

    /** Whether the answers drained enough for the pipeline to take lines again. */
    public synchronized boolean drained() {
        return !closing && waiting <= MAX_WAITING / 2 && held + session.getScheduledWriteBytes() <= MAX_QUEUED_BYTES / 2;
    }

    IoSession session() {
        return session;
    }

    /** Bytes held for this connection now: answers not yet handed to MINA plus what MINA has queued. */
    public synchronized long heldBytes() {
        return held + session.getScheduledWriteBytes();
    }

    /** The pipeline holds lines it has not taken ({@code true}): reads stay suspended until it says {@code false}. */
    public synchronized void holdingLines(boolean holding) {
        holdingLines = holding;
        throttle();
    }

    private void flushLocked() {
        if (closing) {
            return;
        }
        Chunk out = null;
        while (!queue.isEmpty()) {
            Object head = queue.peek();
            if (head instanceof Waiting w) {
                if (!w.future.isDone()) {
                    break;
                }
                queue.poll();
                waiting--;
                byte[] answer;
                try {
                    answer = w.future.getNow(null);
                } catch (RuntimeException e) {
                    answer = null;
                }
                if (!w.counted) {
                    w.counted = true;
                    held += (answer == null ? 0 : answer.length) - w.expected;
                }
                if (answer == null) {
                    log.warn("{} an answer failed; closing the connection", session.getRemoteAddress());
                    closing = true;
                    session.closeNow();
                    return;
                }
                out = out == null ? new Chunk(lastWrite) : out;
                out.add(answer);
            } else {
                Chunk chunk = (Chunk) queue.poll();
                if (out == null) {
                    out = chunk;
                } else {
                    out.addAll(chunk);
                }
                if (chunk.last) {
                    out.last = true;
                    break;
                }
            }
        }
        if (queue.isEmpty() && !open.isEmpty()) {
            if (out == null) {
                out = open;
            } else {
                out.addAll(open);
            }
            open = new Chunk(lastWrite);
        }
        if (out != null && !out.isEmpty()) {
            held -= out.size;
            lastWrite = Math.min(Math.max(out.size, Chunk.FIRST_CAPACITY), Chunk.MOST_CAPACITY);
            IoBuffer bytes = out.toBuffer();
            if (out.last) {
                closing = true;
                queue.clear();
                session.write(bytes).addListener(IoFutureListener.CLOSE);
                return;
            }
            session.write(bytes);
        }
        throttle();
    }

    private void throttle() {
        long bytes = held + session.getScheduledWriteBytes();
        boolean overloaded = holdingLines || waiting >= MAX_WAITING || bytes > MAX_QUEUED_BYTES;
        if (overloaded && !suspended) {
            session.suspendRead();
            suspended = true;
        } else if (!overloaded && suspended && !closing && waiting <= MAX_WAITING / 2
                && bytes <= MAX_QUEUED_BYTES / 2) {
            session.resumeRead();
            suspended = false;
        }
    }

    /** A later answer; {@code expected} counts in {@link #held} until its real size does ({@code counted}). */
    private static final class Waiting {
        final CompletableFuture<byte[]> future;
        final int expected;
        boolean counted;

        Waiting(CompletableFuture<byte[]> future, int expected) {
            this.future = future;
            this.expected = expected;
        }
    }

    /** Ready answers kept as one growable byte array. */
    private static final class Chunk {
        static final int FIRST_CAPACITY = 256;
        /** The most a new chunk starts with, however large the last write was. */
        static final int MOST_CAPACITY = 16 * 1024;
        private static final byte[] NONE = new byte[0];

        private byte[] bytes;
        private int size;
        private boolean last;

        /** How large the array is made at the first add: an idle connection's empty chunk holds none. */
        private final int capacity;

        Chunk(int capacity) {
            this.bytes = NONE;
            this.capacity = capacity;
        }

        void add(byte[] answer) {
            add(answer, 0, answer.length);
        }

        void add(byte[] answer, int from, int length) {
            ensure(length);
            System.arraycopy(answer, from, bytes, size, length);
            size += length;
        }

        void addAll(Chunk other) {
            ensure(other.size);
            System.arraycopy(other.bytes, 0, bytes, size, other.size);
            size += other.size;
            last |= other.last;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = bytes.length == 0 ? new byte[Math.max(capacity, more)]
                        : Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** The bytes as a buffer to write; this chunk must not be used afterwards. */
        IoBuffer toBuffer() {
            return IoBuffer.wrap(bytes, 0, size);
        }
    }
}
