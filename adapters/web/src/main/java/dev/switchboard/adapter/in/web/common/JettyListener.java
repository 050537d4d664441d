package dev.switchboard.adapter.in.web.common;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded Jetty server with one HTTP/1.1 connector, as every web adapter runs it: daemon
 * threads named after the listener, one acceptor and one selector, no {@code Server} version
 * header; {@link #start()} says which address could not be bound, {@link #close()} never throws.
 */
public final class JettyListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JettyListener.class);

    private final String name;
    private final Server server;
    private final ServerConnector connector;

    /** @param port 0 picks a free port */
    public JettyListener(String name, int maxThreads, String host, int port) {
        this.name = Objects.requireNonNull(name, "'name' must not be null");
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 2);
        threads.setName(name);
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
    }

    /** The server, for its handler, error handler, beans and stop timeout. */
    public Server server() {
        return server;
    }

    /** The connector, for its idle timeout and connection listeners. */
    public ServerConnector connector() {
        return connector;
    }

    /** Binds and starts; on failure releases everything and says which address could not be used. */
    public InetSocketAddress start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException(name + ": cannot listen on " + connector.getHost() + ":" + connector.getPort()
                    + " (" + e.getMessage() + ")", e);
        }
        return localAddress();
    }

    /** The bound address (the real port once started, when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("{}: stop failed: {}", name, e.toString());
        }
    }
}
