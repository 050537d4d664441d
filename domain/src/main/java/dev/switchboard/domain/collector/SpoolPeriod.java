package dev.switchboard.domain.collector;

import java.time.Instant;
import java.util.Objects;

/**
 * Value object: one period of the spool, numbered {@code epoch seconds / rotation}. Its samples
 * go to {@code <number>.dat}; while that file may still be written, {@code <number>.dat.lock}
 * exists.
 */
public record SpoolPeriod(long number, Rotation rotation) {

    public SpoolPeriod {
        Objects.requireNonNull(rotation, "'rotation' must not be null");
        if (number < 0) {
            throw new IllegalArgumentException("a period number is not negative, not " + number);
        }
    }

    /** The first instant of the period. */
    public Instant start() {
        return Instant.ofEpochSecond(Math.multiplyExact(number, rotation.seconds()));
    }

    /** The first instant after the period: the moment its lock must go. */
    public Instant end() {
        return Instant.ofEpochSecond(Math.multiplyExact(number + 1, rotation.seconds()));
    }

    /** Whether the period is over at {@code now} (its end is now or in the past). */
    public boolean isOverAt(Instant now) {
        return !now.isBefore(end());
    }

    public SpoolName dataFile() {
        return SpoolName.data(number);
    }

    public SpoolName lockFile() {
        return SpoolName.lock(number);
    }
}
