package dev.switchboard.domain.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Value object: the points of one key, timestamps strictly ascending, in primitive columns (a
 * copy: later saves do not change it).
 */
public final class MetricSeries {

    private final MetricKey key;
    private final long[] timestamps;
    private final double[] values;

    /** Takes the arrays as they are (no copy): the caller hands them over. */
    public MetricSeries(MetricKey key, long[] timestamps, double[] values) {
        this.key = Objects.requireNonNull(key, "'key' must not be null");
        this.timestamps = Objects.requireNonNull(timestamps, "'timestamps' must not be null");
        this.values = Objects.requireNonNull(values, "'values' must not be null");
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("as many timestamps as values");
        }
        for (int i = 1; i < timestamps.length; i++) {
            if (timestamps[i] <= timestamps[i - 1]) {
                throw new IllegalArgumentException("timestamps must be strictly ascending");
            }
        }
    }

    public static MetricSeries empty(MetricKey key) {
        return new MetricSeries(key, new long[0], new double[0]);
    }

    public MetricKey key() {
        return key;
    }

    public int size() {
        return timestamps.length;
    }

    public boolean isEmpty() {
        return timestamps.length == 0;
    }

    public long timestamp(int i) {
        return timestamps[i];
    }

    public double value(int i) {
        return values[i];
    }

    public List<MetricPoint> points() {
        List<MetricPoint> out = new ArrayList<>(timestamps.length);
        addPointsTo(out);
        return out;
    }

    public void addPointsTo(List<MetricPoint> out) {
        for (int i = 0; i < timestamps.length; i++) {
            out.add(new MetricPoint(key, values[i], timestamps[i]));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricSeries other && key.equals(other.key)
                && Arrays.equals(timestamps, other.timestamps) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(timestamps);
    }

    @Override
    public String toString() {
        return key + points().toString();
    }
}
