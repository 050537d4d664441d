package dev.switchboard.domain.metrics.render;

import dev.switchboard.domain.metrics.retention.Aggregation;
import java.util.Arrays;
import java.util.Objects;

/**
 * Value object: a series as the render API computes with it: a value per {@code step} seconds
 * from {@code start} ({@code NaN} where there is none, {@code null} on the wire). Value {@code i}
 * stands for the slot {@code [start + i*step, start + (i+1)*step)}. {@code pathExpression} is
 * the pattern that fetched it, kept through functions (Graphite names aggregates by it);
 * {@code consolidation} is how {@code maxDataPoints} merges its slots.
 */
public final class Series {

    private final String name;
    private final String pathExpression;
    private final long start;
    private final long step;
    private final double[] values;
    private final Aggregation consolidation;

    public Series(String name, String pathExpression, long start, long step, double[] values,
                  Aggregation consolidation) {
        this.name = Objects.requireNonNull(name, "'name' must not be null");
        this.pathExpression = Objects.requireNonNull(pathExpression, "'pathExpression' must not be null");
        if (step <= 0) {
            throw new IllegalArgumentException("a series' step must be positive");
        }
        this.start = start;
        this.step = step;
        this.values = Objects.requireNonNull(values, "'values' must not be null");
        this.consolidation = Objects.requireNonNull(consolidation, "'consolidation' must not be null");
    }

    public Series(String name, long start, long step, double[] values) {
        this(name, name, start, step, values, Aggregation.AVERAGE);
    }

    /**
     * Puts stored points into slots of {@code step} seconds, from the slot holding {@code from} to
     * the one holding {@code until}; only points in {@code [from, until]} count, and several
     * points in one slot become one value by {@code aggregation}. {@code timestamps} ascending.
     */
    public static Series ofPoints(String name, long[] timestamps, double[] values, int n, long from, long until,
                                  long step, Aggregation aggregation) {
        long first = Math.floorDiv(from, step) * step;
        long last = Math.floorDiv(until, step) * step;
        int slots = (int) ((last - first) / step + 1);
        double[] out = new double[slots];
        Arrays.fill(out, Double.NaN);
        int i = 0;
        while (i < n && timestamps[i] < from) {
            i++;
        }
        while (i < n && timestamps[i] <= until) {
            long slot = Math.floorDiv(timestamps[i], step) * step;
            int begin = i;
            while (i < n && timestamps[i] <= until && Math.floorDiv(timestamps[i], step) * step == slot) {
                i++;
            }
            out[(int) ((slot - first) / step)] = aggregation.apply(values, begin, i);
        }
        return new Series(name, name, first, step, out, aggregation);
    }

    /**
     * The step to read stored points with when no retention says it: the median gap between
     * consecutive timestamps in {@code [from, until]} (a regular feed's interval, robust to jitter),
     * 60 s with fewer than two points, and never so fine that the range holds more than
     * {@code maxSlots} slots.
     */
    public static long inferStep(long[] timestamps, int n, long from, long until, int maxSlots) {
        int lo = 0;
        while (lo < n && timestamps[lo] < from) {
            lo++;
        }
        int hi = lo;
        while (hi < n && timestamps[hi] <= until) {
            hi++;
        }
        long step = 60;
        if (hi - lo >= 2) {
            long[] gaps = new long[hi - lo - 1];
            for (int i = lo + 1; i < hi; i++) {
                gaps[i - lo - 1] = timestamps[i] - timestamps[i - 1];
            }
            Arrays.sort(gaps);
            step = Math.max(1, gaps[gaps.length / 2]);
        }
        long span = Math.max(1, until - from + 1);
        long minStep = (span + maxSlots - 1) / maxSlots;
        return Math.max(step, minStep);
    }

    public String name() {
        return name;
    }

    public String pathExpression() {
        return pathExpression;
    }

    public long start() {
        return start;
    }

    public long step() {
        return step;
    }

    /** The end of the last slot (exclusive). */
    public long end() {
        return start + step * values.length;
    }

    public int size() {
        return values.length;
    }

    public double value(int i) {
        return values[i];
    }

    public long timestamp(int i) {
        return start + step * i;
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    public Aggregation consolidation() {
        return consolidation;
    }

    public Series named(String newName) {
        return new Series(newName, pathExpression, start, step, values, consolidation);
    }

    public Series withValues(String newName, double[] newValues) {
        return new Series(newName, pathExpression, start, step, newValues, consolidation);
    }

    public Series withPath(String newPath) {
        return new Series(name, newPath, start, step, values, consolidation);
    }

    public Series consolidatedBy(Aggregation aggregation) {
        return new Series(name, pathExpression, start, step, values, aggregation);
    }

    /** This series with slots of {@code newStep} (a multiple of the step), merged by its consolidation. */
    public Series coarsen(long newStep) {
        if (newStep == step) {
            return this;
        }
        if (newStep % step != 0) {
            throw new IllegalArgumentException("step " + newStep + " is not a multiple of " + step);
        }
        long first = Math.floorDiv(start, newStep) * newStep;
        long lastSlot = Math.floorDiv(end() - 1, newStep) * newStep;
        int slots = values.length == 0 ? 0 : (int) ((lastSlot - first) / newStep + 1);
        double[] out = new double[slots];
        int i = 0;
        for (int s = 0; s < slots; s++) {
            long slotEnd = first + (s + 1) * newStep;
            int begin = i;
            while (i < values.length && timestamp(i) < slotEnd) {
                i++;
            }
            out[s] = consolidation.apply(values, begin, i);
        }
        return new Series(name, pathExpression, first, newStep, out, consolidation);
    }

    /**
     * Graphite's {@code maxDataPoints}: when there are more values than {@code maxPoints}, whole
     * numbers of slots are merged (by the consolidation, {@code average} unless
     * {@code consolidateBy} said otherwise) into steps aligned to the epoch, as few as needed to
     * fit.
     */
    public Series consolidate(int maxPoints) {
        if (maxPoints <= 0 || values.length <= maxPoints) {
            return this;
        }
        long perPoint = (values.length + maxPoints - 1) / maxPoints;
        Series merged = coarsen(step * perPoint);
        while (merged.size() > maxPoints) {
            perPoint++;
            merged = coarsen(step * perPoint);
        }
        return merged;
    }

    /** The values at the given slots of another grid ({@code NaN} outside this series or between steps). */
    double valueAt(long timestamp) {
        if (timestamp < start || timestamp >= end()) {
            return Double.NaN;
        }
        long offset = timestamp - start;
        return offset % step == 0 ? values[(int) (offset / step)] : Double.NaN;
    }

    @Override
    public String toString() {
        return name + "@" + start + "/" + step + Arrays.toString(values);
    }
}
