package dev.switchboard.domain.metrics;

import java.util.Comparator;
import java.util.Objects;

/**
 * Value object: one sample of a series. A (key, timestamp) pair identifies a point; putting
 * the same pair again replaces its value. Values are finite doubles (the classic protocol's
 * Python float), timestamps are whole seconds.
 */
public record MetricPoint(MetricKey key, double value, long timestamp) {

    /** The order every answer lists points in: by key, then by timestamp ascending. */
    public static final Comparator<MetricPoint> ORDER =
            Comparator.comparing(MetricPoint::key).thenComparingLong(MetricPoint::timestamp);

    public MetricPoint {
        Objects.requireNonNull(key, "'key' must not be null");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a metric value must be a finite number");
        }
    }

    public static MetricPoint of(String key, double value, long timestamp) {
        return new MetricPoint(MetricKey.of(key), value, timestamp);
    }
}
