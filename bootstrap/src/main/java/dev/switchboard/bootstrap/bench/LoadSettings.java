package dev.switchboard.bootstrap.bench;

import java.time.Duration;

/**
 * How much load a bench applies.
 *
 * @param conns    connections (agencies, HTTP senders) working at once
 * @param pipeline requests per round: puts or tokens per write, bets per batch, KiB per HTTP body
 * @param ops      requests in all, shared out between the connections
 * @param time     the time bound: no round starts after it
 */
public record LoadSettings(int conns, int pipeline, long ops, Duration time) {

    public LoadSettings {
        if (conns < 1 || pipeline < 1 || ops < 1) {
            throw new IllegalArgumentException("conns, pipeline and ops must be positive");
        }
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("the time bound must be positive");
        }
    }

    /** The requests connection {@code index} sends: an even share, the remainder to the first ones. */
    public long share(int index) {
        return ops / conns + (index < ops % conns ? 1 : 0);
    }
}
