package dev.switchboard.domain.metrics;

import java.util.Objects;

/**
 * Value object: the name of a time series. Non-empty, no whitespace (the wire separates
 * fields by spaces), compared by its exact characters.
 */
public record MetricKey(String value) implements Comparable<MetricKey> {

    public MetricKey {
        Objects.requireNonNull(value, "'value' must not be null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a metric key must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                throw new IllegalArgumentException("a metric key must not contain whitespace");
            }
        }
    }

    public static MetricKey of(String value) {
        return new MetricKey(value);
    }

    @Override
    public int compareTo(MetricKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
