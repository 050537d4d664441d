package dev.switchboard.domain.metrics.retention;

/**
 * One archive of a retention: a point per {@code precision} seconds, kept for {@code retention}
 * seconds ({@code 10s:6h} is precision 10, retention 21 600).
 */
public record Archive(long precision, long retention) {

    public Archive {
        if (precision <= 0) {
            throw new IllegalArgumentException("an archive's precision must be positive");
        }
        if (retention < precision) {
            throw new IllegalArgumentException("an archive must keep at least one point");
        }
    }

    /** The start of the slot holding {@code timestamp}. */
    public long slot(long timestamp) {
        return Math.floorDiv(timestamp, precision) * precision;
    }

    public long points() {
        return retention / precision;
    }
}
