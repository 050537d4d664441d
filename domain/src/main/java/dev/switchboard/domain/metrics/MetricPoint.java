package dev.switchboard.domain.metrics;

import java.util.Comparator;
import java.util.Objects;

/**
 * Value object: one sample of a series. A (key, timestamp) pair identifies a point; putting
 * the same pair again replaces its value. Values are finite doubles (the classic protocol's
 * Python float), timestamps are whole seconds. Negative zero is kept as zero: SQL databases
 * do not keep the sign of zero, and every store must answer alike.
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
        if (value == 0.0) {
            value = 0.0; // -0.0 == 0.0 is true: this drops the sign
        }
    }

    public static MetricPoint of(String key, double value, long timestamp) {
        return new MetricPoint(MetricKey.of(key), value, timestamp);
    }
}
