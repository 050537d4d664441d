package dev.switchboard.domain.tokens;

import java.util.Comparator;
import java.util.Objects;

/**
 * Value object: who sent a token. A client is its announced id plus the address it connected
 * from, so two connections that announce the same id are two clients.
 */
public record ClientId(String id, String ip, int port) implements Comparable<ClientId> {

    /** The order of a handler's rows: by id, then ip, then port. */
    private static final Comparator<ClientId> ORDER = Comparator.comparing(ClientId::id)
            .thenComparing(ClientId::ip)
            .thenComparingInt(ClientId::port);

    public ClientId {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(ip, "'ip' must not be null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a client id must not be empty");
        }
        if (Text.hasControl(id)) {
            throw new IllegalArgumentException("a client id must not contain control characters");
        }
        if (ip.isEmpty()) {
            throw new IllegalArgumentException("an ip must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** {@code ip:port}, as the table prints it. */
    public String addr() {
        return ip + ":" + port;
    }

    @Override
    public int compareTo(ClientId other) {
        return ORDER.compare(this, other);
    }
}
