package dev.switchboard.domain.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Value holder: the points of one network read, in arrival order, in primitive columns (a key,
 * a value and a timestamp per point, no object per point). Every point obeys
 * {@link MetricPoint}'s rules: finite values, negative zero kept as zero. Later points win over
 * earlier ones with the same (key, timestamp), as if put one by one.
 *
 * <p>Filled by one thread, then handed to a store, which must not change it.
 */
public final class MetricBatch {

    private MetricKey[] keys;
    private double[] values;
    private long[] timestamps;
    private int size;

    public MetricBatch(int capacity) {
        int c = Math.max(1, capacity);
        keys = new MetricKey[c];
        values = new double[c];
        timestamps = new long[c];
    }

    public static MetricBatch of(MetricPoint... points) {
        MetricBatch batch = new MetricBatch(points.length);
        for (MetricPoint p : points) {
            batch.add(p.key(), p.value(), p.timestamp());
        }
        return batch;
    }

    /**
     * Appends a point.
     *
     * @throws IllegalArgumentException when the value is not finite
     */
    public void add(MetricKey key, double value, long timestamp) {
        Objects.requireNonNull(key, "'key' must not be null");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a metric value must be a finite number");
        }
        if (size == keys.length) {
            int grown = size + (size >> 1) + 1;
            keys = Arrays.copyOf(keys, grown);
            values = Arrays.copyOf(values, grown);
            timestamps = Arrays.copyOf(timestamps, grown);
        }
        keys[size] = key;
        values[size] = value == 0.0 ? 0.0 : value; // -0.0 == 0.0 is true: this drops the sign
        timestamps[size] = timestamp;
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public MetricKey key(int i) {
        Objects.checkIndex(i, size);
        return keys[i];
    }

    public double value(int i) {
        Objects.checkIndex(i, size);
        return values[i];
    }

    public long timestamp(int i) {
        Objects.checkIndex(i, size);
        return timestamps[i];
    }

    public MetricPoint point(int i) {
        return new MetricPoint(key(i), value(i), timestamp(i));
    }

    /** Forgets every point, keeping the room for the next read. */
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        size = 0;
    }
}
