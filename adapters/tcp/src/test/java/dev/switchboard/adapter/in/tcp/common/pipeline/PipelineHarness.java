package dev.switchboard.adapter.in.tcp.common.pipeline;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * Drives a read pipeline ({@link LinePipeline}, {@link FramePipeline}) the way MINA's I/O
 * processor does, through the handler calls the server makes: one session, each read a separate
 * buffer handed to {@code messageReceived}, sometimes a slice of a larger array (the pipeline must
 * read only from the buffer's position to its limit). The session is MINA's own
 * {@link DummySession}: what the pipeline writes is recorded and reported sent at once, as for a
 * client that reads everything. After every read the bytes the connection holds are checked:
 * the pipeline's carry (the start of a line or frame not ended) and the answers not yet written.
 */
public final class PipelineHarness {

    /** What a connection was answered, whether the pipeline closed it, and after how many reads it had stopped reading. */
    public record Fed(byte[] out, boolean closed, int suspendedReads) {
    }

    private final DummySession session = new DummySession();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final IoHandler pipeline;
    private final long maxCarry;
    private final Random slices;
    private final ArrayDeque<Object> sent = new ArrayDeque<>();
    private int suspendedReads;

    /**
     * @param maxCarry the most the pipeline may keep between reads (one line or frame, not ended)
     * @param slices   where reads are placed in larger arrays; null to wrap each read alone
     */
    public PipelineHarness(IoHandler pipeline, long maxCarry, Random slices) {
        this.pipeline = pipeline;
        this.maxCarry = maxCarry;
        this.slices = slices;
        // MINA reports a write sent from its I/O thread after the read's handler call returned; the
        // dummy session reports it inside the write, so the reports wait here until the read is handled
        // a TCP peer, as the protocols read it
        session.setRemoteAddress(new InetSocketAddress("127.0.0.1", 40_000));
        session.setHandler(new IoHandlerAdapter() {
            @Override
            public void messageSent(IoSession s, Object message) {
                sent.add(message);
            }
        });
        session.getFilterChain().addLast("record", new IoFilterAdapter() {
            @Override
            public void filterWrite(NextFilter next, IoSession s, WriteRequest request) {
                IoBuffer buffer = ((IoBuffer) request.getMessage()).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.write(bytes, 0, bytes.length);
                next.filterWrite(s, request);
            }
        });
    }

    /** Feeds the reads in order, as long as the session is open. Any exception out of the pipeline fails the caller's property. */
    public Fed feed(List<byte[]> reads) throws Exception {
        pipeline.sessionOpened(session);
        for (byte[] read : reads) {
            if (session.isClosing()) {
                break; // MINA reads nothing more from a closing connection
            }
            IoBuffer buffer;
            if (slices == null || slices.nextInt(4) != 0) {
                buffer = IoBuffer.wrap(read);
            } else {
                // the read in the middle of a larger array, junk on both sides
                int before = slices.nextInt(64);
                byte[] larger = new byte[before + read.length + slices.nextInt(64)];
                slices.nextBytes(larger);
                System.arraycopy(read, 0, larger, before, read.length);
                buffer = IoBuffer.wrap(larger, before, read.length);
            }
            pipeline.messageReceived(session, buffer);
            if (session.isReadSuspended()) {
                suspendedReads++; // the answers reached the bound: MINA reads no more until they drain
            }
            while (!sent.isEmpty()) {
                Object message = sent.poll();
                // as MINA's processor does once the bytes are on the socket; the dummy session never does
                session.increaseScheduledWriteBytes(-((IoBuffer) message).remaining());
                pipeline.messageSent(session, message);
            }
            if (!session.isClosing()) {
                if (session.isReadSuspended()) {
                    throw new AssertionError("reading stays suspended, yet the client has read every answer");
                }
                long carried = carried();
                if (carried > maxCarry) {
                    throw new AssertionError("the pipeline keeps " + carried + " bytes between reads, over " + maxCarry);
                }
                long held = replies().heldBytes();
                if (held > Replies.MAX_QUEUED_BYTES) {
                    throw new AssertionError("the connection holds " + held + " bytes of answers, over " + Replies.MAX_QUEUED_BYTES);
                }
            }
        }
        boolean closed = session.isClosing();
        return new Fed(out.toByteArray(), closed, suspendedReads);
    }

    private Replies replies() {
        return ((ReadPipeline<?>) pipeline).replies(session);
    }

    /** The bytes in the pipeline's carry (its connection state is a session attribute). */
    private long carried() {
        for (Object key : session.getAttributeKeys()) {
            if (session.getAttribute(key) instanceof ReadPipeline.State state) {
                return state.carry.size;
            }
        }
        throw new AssertionError("no pipeline state on the session");
    }

    /** Feeds {@code stream} to a fresh pipeline from {@code make} in one read and in {@code reads}; both must answer the same. */
    public static Fed sameWholeAndInPieces(java.util.function.Supplier<IoHandler> make, long maxCarry, byte[] stream,
                                           List<byte[]> reads, Random slices) throws Exception {
        Fed whole = new PipelineHarness(make.get(), Long.MAX_VALUE, null).feed(stream.length == 0 ? List.of() : List.of(stream));
        Fed pieces = new PipelineHarness(make.get(), maxCarry, slices).feed(reads);
        if (!java.util.Arrays.equals(whole.out(), pieces.out()) || whole.closed() != pieces.closed()) {
            throw new AssertionError("in pieces the pipeline answered differently from the stream whole:\nwhole  (closed "
                    + whole.closed() + "): " + shown(whole.out()) + "\npieces (closed " + pieces.closed() + "): "
                    + shown(pieces.out()));
        }
        return pieces;
    }

    static String shown(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 1500), java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.replace("\n", "\\n") + (bytes.length > 1500 ? "... (" + bytes.length + " bytes)" : "");
    }
}
