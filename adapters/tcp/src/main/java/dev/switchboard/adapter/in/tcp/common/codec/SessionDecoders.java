package dev.switchboard.adapter.in.tcp.common.codec;

import java.util.function.Supplier;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;

/**
 * One decoder per session for codec factories. MINA 2.2's codec filter asks the factory for the
 * decoder on every read, and a decoder that assembles a frame across reads must be the same
 * object each time.
 */
public final class SessionDecoders {

    private SessionDecoders() {
    }

    /** The session's decoder under {@code key}, made on first use. */
    public static ProtocolDecoder of(IoSession session, AttributeKey key, Supplier<? extends ProtocolDecoder> make) {
        Object existing = session.getAttribute(key);
        if (existing != null) {
            return (ProtocolDecoder) existing;
        }
        ProtocolDecoder made = make.get();
        Object raced = session.setAttributeIfAbsent(key, made);
        return raced != null ? (ProtocolDecoder) raced : made;
    }
}
