package dev.switchboard.bootstrap.soak;

import java.time.Duration;

/**
 * How big a soak is. Bounded in count and in time: the well-behaved clients have {@code time}
 * to finish, and each hostile client sends at most {@code hostileBytes}.
 *
 * @param clients      well-behaved connections, all open at once
 * @param requests     requests of each well-behaved client (puts, tokens, bets)
 * @param hostileBytes bytes each hostile client may send in all
 * @param stall        a write that makes no progress this long means the server stopped reading
 * @param time         how long the well-behaved clients may take
 * @param seed         seed of the random bytes, so a failing run can be repeated
 */
public record SoakSettings(int clients, int requests, long hostileBytes, Duration stall, Duration time, long seed) {

    public SoakSettings {
        if (clients < 1 || requests < 1 || hostileBytes < 1) {
            throw new IllegalArgumentException("clients, requests and hostile bytes must be positive");
        }
    }
}
