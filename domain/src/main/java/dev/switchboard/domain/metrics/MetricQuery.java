package dev.switchboard.domain.metrics;

import java.util.Objects;
import java.util.Optional;

/** What a {@code get} asks for: one key, or every key ({@code *} on the wire). */
public final class MetricQuery {

    private static final MetricQuery ALL = new MetricQuery(null);

    private final MetricKey key;

    private MetricQuery(MetricKey key) {
        this.key = key;
    }

    public static MetricQuery all() {
        return ALL;
    }

    public static MetricQuery key(MetricKey key) {
        return new MetricQuery(Objects.requireNonNull(key, "'key' must not be null"));
    }

    /** Reads the wire form: {@code *} means every key, anything else is one key. */
    public static MetricQuery parse(String text) {
        return "*".equals(text) ? ALL : key(MetricKey.of(text));
    }

    public boolean isAll() {
        return key == null;
    }

    public Optional<MetricKey> key() {
        return Optional.ofNullable(key);
    }

    public boolean matches(MetricKey candidate) {
        return key == null || key.equals(candidate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricQuery other && Objects.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(key);
    }

    @Override
    public String toString() {
        return key == null ? "*" : key.value();
    }
}
