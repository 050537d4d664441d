package dev.switchboard.adapter.in.tcp.common;

import dev.switchboard.application.port.out.telemetry.Telemetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * One listening TCP service on MINA: the guard filter, the protocol codec, the handler. Without
 * a codec ({@code null}) the handler reads and writes bytes itself, as a
 * {@link dev.switchboard.adapter.in.tcp.common.pipeline.LinePipeline} does.
 * {@link #close()} unbinds, closes every connection and stops the I/O threads (MINA's
 * threads are not daemons: anything bound must be closed or the JVM never exits).
 */
public final class MinaTcpServer implements AutoCloseable {

    private final String service;
    private final TcpServerConfig config;
    private final NioSocketAcceptor acceptor;
    private InetSocketAddress bound;

    public MinaTcpServer(String service, TcpServerConfig config, ProtocolCodecFactory codec,
                         IoHandler handler, Telemetry telemetry) {
        this.service = Objects.requireNonNull(service, "'service' must not be null");
        this.config = Objects.requireNonNull(config, "'config' must not be null");
        this.acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(1024);
        acceptor.setCloseOnDeactivation(true);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.getSessionConfig().setIdleTime(IdleStatus.READER_IDLE, config.idleSeconds());
        acceptor.getFilterChain().addLast("guard",
                new ConnectionGuardFilter(service, config.maxConnections(), telemetry));
        if (codec != null) {
            acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(codec));
        }
        acceptor.setHandler(handler);
    }

    /** Binds and starts accepting; returns the address bound (the real port when 0 was asked). */
    public synchronized InetSocketAddress start() throws IOException {
        try {
            acceptor.bind(new InetSocketAddress(config.host(), config.port()));
        } catch (IOException | RuntimeException e) {
            acceptor.dispose(false);
            throw new IOException(service + ": cannot listen on " + config.host() + ":" + config.port()
                    + " (" + e.getMessage() + ")", e);
        }
        bound = (InetSocketAddress) acceptor.getLocalAddress();
        return bound;
    }

    public synchronized InetSocketAddress localAddress() {
        if (bound == null) {
            throw new IllegalStateException(service + " is not listening");
        }
        return bound;
    }

    /** The connections open now. */
    public java.util.Collection<org.apache.mina.core.session.IoSession> sessions() {
        return java.util.List.copyOf(acceptor.getManagedSessions().values());
    }

    public String service() {
        return service;
    }

    /** Stops accepting, closes every connection, releases the I/O threads. */
    @Override
    public synchronized void close() {
        if (!acceptor.isDisposed()) {
            acceptor.unbind();
            acceptor.dispose(true);
        }
    }
}
