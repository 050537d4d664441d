package dev.switchboard.adapter.in.tcp.common.codec;

import java.util.Objects;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * Base of every codec factory here: one stateless encoder shared by all sessions, and one decoder
 * per session. MINA 2.2's codec filter asks the factory for the decoder on every read, and a
 * decoder that assembles a line or frame across reads must be the same object each time.
 */
public abstract class SessionCodecFactory implements ProtocolCodecFactory {

    private final AttributeKey decoderKey = new AttributeKey(getClass(), "decoder");
    private final ProtocolEncoder encoder;

    protected SessionCodecFactory(ProtocolEncoder encoder) {
        this.encoder = Objects.requireNonNull(encoder, "'encoder' must not be null");
    }

    /** A fresh decoder for a new session. */
    protected abstract ProtocolDecoder newDecoder();

    @Override
    public final ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public final ProtocolDecoder getDecoder(IoSession session) {
        Object existing = session.getAttribute(decoderKey);
        if (existing != null) {
            return (ProtocolDecoder) existing;
        }
        ProtocolDecoder made = newDecoder();
        Object raced = session.setAttributeIfAbsent(decoderKey, made);
        return raced != null ? (ProtocolDecoder) raced : made;
    }
}
