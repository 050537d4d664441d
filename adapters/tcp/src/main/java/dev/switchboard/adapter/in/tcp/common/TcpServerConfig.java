package dev.switchboard.adapter.in.tcp.common;

import java.util.Objects;

/**
 * Where a TCP service listens and how it protects itself.
 *
 * @param host           address to bind (127.0.0.1 unless told otherwise)
 * @param port           port to bind; 0 picks a free one
 * @param maxConnections connections accepted at once; more are closed on arrival
 * @param idleSeconds    a connection that sends nothing for this long is closed
 */
public record TcpServerConfig(String host, int port, int maxConnections, int idleSeconds) {

    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_IDLE_SECONDS = 300;

    public TcpServerConfig {
        Objects.requireNonNull(host, "'host' must not be null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive");
        }
        if (idleSeconds < 1) {
            throw new IllegalArgumentException("idleSeconds must be positive");
        }
    }

    public static TcpServerConfig of(String host, int port) {
        return new TcpServerConfig(host, port, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_SECONDS);
    }
}
