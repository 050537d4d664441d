package dev.switchboard.adapter.in.tcp.common.codec;

import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;

/**
 * Drives a protocol's decoder the way MINA's codec filter does, through the codec factory's
 * public API only (so the properties outlive a rewrite of a decoder): one session, the factory
 * asked for the decoder on every read, each read a separate buffer. After every read it checks
 * what the session holds, so a decoder that buffers without bound fails the property.
 */
public final class DecoderHarness {

    private final ProtocolCodecFactory factory;
    private final ProtocolCodecSession session = new ProtocolCodecSession();
    private final long maxHeldBytes;

    /**
     * @param maxHeldBytes the most the session may hold between reads (a partial line or frame);
     *                     the read in progress is not counted
     */
    public DecoderHarness(ProtocolCodecFactory factory, long maxHeldBytes) {
        this.factory = factory;
        this.maxHeldBytes = maxHeldBytes;
        // as TCP does: a message may arrive in pieces (without this MINA keeps no partial data)
        session.setTransportMetadata(new DefaultTransportMetadata("test", "tcp", false, true,
                InetSocketAddress.class, IoSessionConfig.class, Object.class));
    }

    /** Feeds the reads in order; returns every message decoded. Any exception fails the caller's property. */
    public List<Object> feed(List<byte[]> reads) throws Exception {
        List<Object> out = new ArrayList<>();
        for (byte[] read : reads) {
            ProtocolDecoder decoder = factory.getDecoder(session);
            decoder.decode(session, IoBuffer.wrap(read), session.getDecoderOutput());
            out.addAll(session.getDecoderOutputQueue());
            session.getDecoderOutputQueue().clear();
            long held = heldBytes();
            if (held > maxHeldBytes) {
                throw new AssertionError("the session holds " + held + " bytes between reads, over " + maxHeldBytes);
            }
        }
        return out;
    }

    /** Feeds, then ends the session as a closing connection does ({@code finishDecode}, {@code dispose}). */
    public List<Object> feedAndClose(List<byte[]> reads) throws Exception {
        List<Object> out = feed(reads);
        ProtocolDecoder decoder = factory.getDecoder(session);
        decoder.finishDecode(session, session.getDecoderOutput());
        decoder.dispose(session);
        out.addAll(session.getDecoderOutputQueue());
        session.getDecoderOutputQueue().clear();
        return out;
    }

    /** Bytes kept in the session's attributes: the partial data a cumulative decoder holds. */
    private long heldBytes() {
        long held = 0;
        for (Object key : session.getAttributeKeys()) {
            Object value = session.getAttribute(key);
            if (value instanceof IoBuffer buffer) {
                // MINA's cumulative decoder keeps what it holds ready for the next read's bytes:
                // from 0 to the position
                held += buffer.position();
            } else if (value instanceof byte[] bytes) {
                held += bytes.length;
            } else if (value instanceof java.nio.ByteBuffer buffer) {
                held += buffer.remaining();
            }
        }
        return held;
    }

    /** Cuts a stream into reads of the given sizes, used in turn (sizes of 0 are read as 1). */
    public static List<byte[]> split(byte[] stream, List<Integer> sizes) {
        List<byte[]> reads = new ArrayList<>();
        int at = 0;
        int turn = 0;
        while (at < stream.length) {
            int size = sizes.isEmpty() ? stream.length : Math.max(1, sizes.get(turn++ % sizes.size()));
            int end = Math.min(stream.length, at + size);
            reads.add(java.util.Arrays.copyOfRange(stream, at, end));
            at = end;
        }
        return reads;
    }

    /**
     * A message as comparable text: records by their components (byte arrays in hex), anything
     * else by {@code toString}. Two decodings are the same when their descriptions are.
     */
    public static String describe(Object message) {
        if (message instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (message instanceof List<?> list) {
            return list.stream().map(DecoderHarness::describe).toList().toString();
        }
        if (message == null || !message.getClass().isRecord()) {
            return String.valueOf(message);
        }
        StringBuilder out = new StringBuilder(message.getClass().getSimpleName()).append('[');
        RecordComponent[] components = message.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            try {
                java.lang.reflect.Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=')
                        .append(describe(accessor.invoke(message)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.append(']').toString();
    }

    public static List<String> describeAll(List<Object> messages) {
        return messages.stream().map(DecoderHarness::describe).toList();
    }
}
