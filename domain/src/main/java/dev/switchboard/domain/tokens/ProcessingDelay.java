package dev.switchboard.domain.tokens;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Value object: the simulated time a handler spends on one token, {@code base} drawn uniformly
 * within ±10% for each token. A zero base means no delay at all.
 */
public record ProcessingDelay(Duration base) {

    public static final ProcessingDelay NONE = new ProcessingDelay(Duration.ZERO);

    public ProcessingDelay {
        Objects.requireNonNull(base, "'base' must not be null");
        if (base.isNegative()) {
            throw new IllegalArgumentException("a delay must not be negative");
        }
    }

    public static ProcessingDelay ofMillis(long millis) {
        return new ProcessingDelay(Duration.ofMillis(millis));
    }

    public boolean isZero() {
        return base.isZero();
    }

    /** One draw in {@code [0.9 * base, 1.1 * base]}, in nanoseconds. */
    public long drawNanos(RandomGenerator random) {
        if (base.isZero()) {
            return 0;
        }
        double factor = 0.9 + 0.2 * random.nextDouble();
        return Math.round(base.toNanos() * factor);
    }
}
