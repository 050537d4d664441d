package dev.switchboard.domain.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SamplePeriodTest {

    @Test
    void nextGap_staysWithinHalfToOneAndAHalfOfTheMean_andSpreadsOverIt() {
        SamplePeriod period = SamplePeriod.ofMillis(1000);
        RandomGenerator random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        double sum = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            long gap = period.nextGap(random).toNanos();
            min = Math.min(min, gap);
            max = Math.max(max, gap);
            sum += gap;
        }
        assertThat(min).isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos()).isLessThan(Duration.ofMillis(520).toNanos());
        assertThat(max).isLessThanOrEqualTo(Duration.ofMillis(1500).toNanos()).isGreaterThan(Duration.ofMillis(1480).toNanos());
        assertThat(sum / n).isBetween(0.98e9, 1.02e9);
    }

    @Test
    void nextGap_ofTheSmallestPeriodIsStillPositive() {
        assertThat(SamplePeriod.ofMillis(1).nextGap(new SplittableRandom(1))).isPositive();
    }
}
