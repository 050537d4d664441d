package dev.switchboard.domain.collector;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Value object: the mean time between two samples ({@code --sample-period}); each actual gap is
 * drawn uniformly within ±50 % of it.
 */
public record SamplePeriod(Duration mean) {

    public SamplePeriod {
        Objects.requireNonNull(mean, "'mean' must not be null");
        if (mean.isNegative() || mean.toNanos() < 2) {
            throw new IllegalArgumentException("a sample period is positive, not " + mean);
        }
    }

    public static SamplePeriod ofMillis(long millis) {
        return new SamplePeriod(Duration.ofMillis(millis));
    }

    /** The gap until the next sample: uniform in [mean / 2, mean * 3 / 2]. */
    public Duration nextGap(RandomGenerator random) {
        long mean = this.mean.toNanos();
        long low = mean / 2;
        long high = mean + mean / 2;
        return Duration.ofNanos(random.nextLong(low, high + 1));
    }
}
