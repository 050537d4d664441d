package dev.switchboard.domain.tokens;

import java.util.Objects;

/**
 * One row of a handler's table: a client that sent the handler's token, the count it announced,
 * and how many of its tokens (all tokens, not only this one) have been accepted so far.
 */
public record HandlerRow(ClientId client, long expected, long received) {

    public HandlerRow {
        Objects.requireNonNull(client, "'client' must not be null");
        if (expected < 0) {
            throw new IllegalArgumentException("expected must not be negative");
        }
        if (received < 0) {
            throw new IllegalArgumentException("received must not be negative");
        }
    }
}
