package dev.switchboard.adapter.in.tcp.lottery.codec;

import java.net.InetSocketAddress;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;

/**
 * A codec test session that says, as TCP does, that messages may arrive in pieces; without it
 * MINA's cumulative decoder does not keep a partial frame between reads.
 */
final class FragmentingCodecSession extends ProtocolCodecSession {

    FragmentingCodecSession() {
        setTransportMetadata(new DefaultTransportMetadata("test", "tcp", false, true,
                InetSocketAddress.class, IoSessionConfig.class, Object.class));
    }
}
