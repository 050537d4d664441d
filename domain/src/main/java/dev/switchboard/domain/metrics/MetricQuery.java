package dev.switchboard.domain.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code get} asks for: one key, every key ({@code *} on the wire) or the keys a Graphite
 * pattern matches ({@link MetricGlob}), optionally within an inclusive range of timestamps.
 */
public final class MetricQuery {

    private static final MetricQuery ALL = new MetricQuery(null, null, Long.MIN_VALUE, Long.MAX_VALUE);

    private final MetricKey key;
    private final MetricGlob glob;
    private final long from;
    private final long until;

    private MetricQuery(MetricKey key, MetricGlob glob, long from, long until) {
        this.key = key;
        this.glob = glob;
        this.from = from;
        this.until = until;
    }

    public static MetricQuery all() {
        return ALL;
    }

    public static MetricQuery key(MetricKey key) {
        return new MetricQuery(Objects.requireNonNull(key, "'key' must not be null"), null,
                Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public static MetricQuery glob(MetricGlob glob) {
        return new MetricQuery(null, Objects.requireNonNull(glob, "'glob' must not be null"),
                Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Reads the wire form: {@code *} means every key, text holding {@code *}, {@code [} or
     * <code>{</code> is a pattern, anything else is one key.
     */
    public static MetricQuery parse(String text) {
        if ("*".equals(text)) {
            return ALL;
        }
        return MetricGlob.isPattern(text) ? glob(MetricGlob.of(text)) : key(MetricKey.of(text));
    }

    /** The same selection of keys, limited to timestamps in {@code [from, until]}. */
    public MetricQuery between(long from, long until) {
        if (from > until) {
            throw new IllegalArgumentException("the range starts after it ends: " + from + " > " + until);
        }
        return new MetricQuery(key, glob, from, until);
    }

    /** Every key, whatever the range. */
    public boolean isAll() {
        return key == null && glob == null;
    }

    public Optional<MetricKey> key() {
        return Optional.ofNullable(key);
    }

    public Optional<MetricGlob> glob() {
        return Optional.ofNullable(glob);
    }

    public long from() {
        return from;
    }

    public long until() {
        return until;
    }

    /** Whether the query limits timestamps at all. */
    public boolean isRanged() {
        return from != Long.MIN_VALUE || until != Long.MAX_VALUE;
    }

    public boolean matches(MetricKey candidate) {
        if (key != null) {
            return key.equals(candidate);
        }
        return glob == null || glob.matches(candidate);
    }

    public boolean inRange(long timestamp) {
        return timestamp >= from && timestamp <= until;
    }

    public boolean matches(MetricPoint point) {
        return matches(point.key()) && inRange(point.timestamp());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricQuery other && Objects.equals(key, other.key) && Objects.equals(glob, other.glob)
                && from == other.from && until == other.until;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, glob, from, until);
    }

    @Override
    public String toString() {
        String what = key != null ? key.value() : glob != null ? glob.text() : "*";
        return isRanged() ? what + " " + from + " " + until : what;
    }
}
