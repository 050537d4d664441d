package dev.switchboard.domain.collector;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Value object: the length of a spool period ({@code --rotate}, 60 s by default). Periods are
 * numbered from the Unix epoch, so with the default a period number is the count of whole
 * minutes since 1970-01-01T00:00Z.
 */
public record Rotation(long seconds) {

    public static final Rotation MINUTE = new Rotation(60);

    public Rotation {
        if (seconds < 1) {
            throw new IllegalArgumentException("a rotation is at least one second, not " + seconds);
        }
    }

    public static Rotation ofSeconds(long seconds) {
        return new Rotation(seconds);
    }

    /** The period an instant falls in (instants before the epoch are not periods of any spool). */
    public SpoolPeriod periodAt(Instant instant) {
        Objects.requireNonNull(instant, "'instant' must not be null");
        return new SpoolPeriod(Math.floorDiv(instant.getEpochSecond(), seconds), this);
    }

    public SpoolPeriod period(long number) {
        return new SpoolPeriod(number, this);
    }

    public Duration length() {
        return Duration.ofSeconds(seconds);
    }
}
