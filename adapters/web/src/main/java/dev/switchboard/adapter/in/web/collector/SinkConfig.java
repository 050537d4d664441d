package dev.switchboard.adapter.in.web.collector;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sink listens: address, port (0 = any free port), the largest body it takes, the idle
 * timeout of a connection and the most connections it keeps open.
 */
public record SinkConfig(String host, int port, long maxBodyBytes, Duration idleTimeout, int maxConnections) {

    public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;

    public SinkConfig {
        Objects.requireNonNull(host, "'host' must not be null");
        Objects.requireNonNull(idleTimeout, "'idleTimeout' must not be null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("body limit out of range: " + maxBodyBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive");
        }
    }

    /** Defaults: 16 MiB bodies, 5 minutes idle, 10 000 connections. */
    public static SinkConfig of(String host, int port) {
        return new SinkConfig(host, port, DEFAULT_MAX_BODY, Duration.ofMinutes(5), 10_000);
    }

    public SinkConfig withMaxBodyBytes(long bytes) {
        return new SinkConfig(host, port, bytes, idleTimeout, maxConnections);
    }
}
