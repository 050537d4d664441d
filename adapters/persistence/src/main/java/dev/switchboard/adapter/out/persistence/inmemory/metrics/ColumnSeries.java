package dev.switchboard.adapter.out.persistence.inmemory.metrics;

import dev.switchboard.domain.metrics.retention.Retention;
import java.util.Arrays;

/**
 * One key's points in two growable primitive columns, timestamps strictly ascending. A
 * timestamp is kept as an {@code int} offset from the series' first timestamp while every
 * offset fits (any 68 years of seconds), else the column widens to {@code long}: a point costs
 * 12 bytes (16 once widened), plus the room kept for growth (a quarter at most).
 *
 * <p>Putting a timestamp after the last one appends; an earlier one is found by binary search
 * and overwritten, or inserted in place. Every method locks this series only.
 */
final class ColumnSeries {

    private static final int FIRST_CAPACITY = 4;

    private long base;
    private int[] narrow = new int[FIRST_CAPACITY];
    private long[] wide;
    private double[] values = new double[FIRST_CAPACITY];
    private int size;

    /** Stores a point; returns whether it is new (false when it replaced the value of its timestamp). */
    synchronized boolean put(long timestamp, double value) {
        if (size == 0) {
            base = timestamp;
            append(timestamp, value);
            return true;
        }
        if (timestamp > timestampAt(size - 1)) {
            append(timestamp, value);
            return true;
        }
        int at = search(timestamp);
        if (at >= 0) {
            values[at] = value;
            return false;
        }
        insert(-at - 1, timestamp, value);
        return true;
    }

    synchronized int size() {
        return size;
    }

    /** A copy of the points with {@code from <= timestamp <= until}. */
    synchronized Slice slice(long from, long until) {
        if (size == 0 || from > until) {
            return Slice.EMPTY;
        }
        int lo = search(from);
        lo = lo >= 0 ? lo : -lo - 1;
        int hi = search(until);
        hi = hi >= 0 ? hi + 1 : -hi - 1;
        int n = Math.max(0, hi - lo);
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = timestampAt(lo + i);
        }
        return new Slice(ts, Arrays.copyOfRange(values, lo, lo + n));
    }

    /** A copy of some points of a series. */
    record Slice(long[] timestamps, double[] values) {
        static final Slice EMPTY = new Slice(new long[0], new double[0]);
    }

    private long timestampAt(int i) {
        return wide != null ? wide[i] : base + narrow[i];
    }

    private int search(long timestamp) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long t = timestampAt(mid);
            if (t < timestamp) {
                lo = mid + 1;
            } else if (t > timestamp) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private void append(long timestamp, double value) {
        ensureRoom(timestamp);
        store(size, timestamp);
        values[size] = value;
        size++;
    }

    private void insert(int at, long timestamp, double value) {
        ensureRoom(timestamp);
        if (wide != null) {
            System.arraycopy(wide, at, wide, at + 1, size - at);
        } else {
            System.arraycopy(narrow, at, narrow, at + 1, size - at);
        }
        System.arraycopy(values, at, values, at + 1, size - at);
        store(at, timestamp);
        values[at] = value;
        size++;
    }

    private void store(int i, long timestamp) {
        if (wide != null) {
            wide[i] = timestamp;
        } else {
            narrow[i] = (int) (timestamp - base);
        }
    }

    /** Room for one more point, and a column wide enough for {@code timestamp}. */
    private void ensureRoom(long timestamp) {
        if (wide == null && !fitsNarrow(timestamp)) {
            long[] widened = new long[values.length];
            for (int i = 0; i < size; i++) {
                widened[i] = base + narrow[i];
            }
            wide = widened;
            narrow = null;
        }
        if (size == values.length) {
            int grown = size + Math.max(FIRST_CAPACITY, size >> 2);
            values = Arrays.copyOf(values, grown);
            if (wide != null) {
                wide = Arrays.copyOf(wide, grown);
            } else {
                narrow = Arrays.copyOf(narrow, grown);
            }
        }
    }

    private boolean fitsNarrow(long timestamp) {
        long offset = timestamp - base;
        boolean overflowed = ((timestamp ^ base) & (timestamp ^ offset)) < 0;
        return !overflowed && offset == (int) offset;
    }

    /**
     * Rolls this series up ({@link Retention#rollUp}) and shrinks the columns to what is kept;
     * answers how many points are gone.
     */
    synchronized int rollUp(Retention retention, long now) {
        if (size == 0) {
            return 0;
        }
        long[] ts = new long[size];
        for (int i = 0; i < size; i++) {
            ts[i] = timestampAt(i);
        }
        double[] vals = Arrays.copyOf(values, size);
        int kept = retention.rollUp(ts, vals, size, now);
        boolean same = kept == size;
        for (int i = 0; same && i < kept; i++) {
            same = ts[i] == timestampAt(i) && Double.compare(vals[i], values[i]) == 0;
        }
        if (same) {
            return 0;
        }
        int removed = size - kept;
        int capacity = Math.max(FIRST_CAPACITY, kept + (kept >> 2));
        narrow = new int[capacity];
        wide = null;
        values = new double[capacity];
        size = 0;
        for (int i = 0; i < kept; i++) {
            if (i == 0) {
                base = ts[0];
            }
            append(ts[i], vals[i]);
        }
        return removed;
    }
}
