package dev.switchboard.domain.collector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * Value object: one sample of the device, a value 0..9 taken at an instant, written to the
 * spool as the record {@code <value> <epoch-nanoseconds>\n}.
 */
public record Sample(int value, long epochNanos) {

    public Sample {
        if (value < 0 || value > 9) {
            throw new IllegalArgumentException("a sample value is 0..9, not " + value);
        }
        if (epochNanos < 0) {
            throw new IllegalArgumentException("a sample is taken after the epoch, not at " + epochNanos);
        }
    }

    public static Sample at(Instant instant, int value) {
        Objects.requireNonNull(instant, "'instant' must not be null");
        return new Sample(value, Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano()));
    }

    /** Parses one record, with or without its {@code \n}. */
    public static Sample parse(String record) {
        Objects.requireNonNull(record, "'record' must not be null");
        String line = record.endsWith("\n") ? record.substring(0, record.length() - 1) : record;
        int space = line.indexOf(' ');
        if (space != 1 || line.indexOf(' ', space + 1) >= 0) {
            throw new IllegalArgumentException("a record is '<value> <epoch-nanoseconds>', not '" + line + "'");
        }
        try {
            return new Sample(Integer.parseInt(line.substring(0, space)), Long.parseLong(line.substring(space + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a record is '<value> <epoch-nanoseconds>', not '" + line + "'", e);
        }
    }

    public Instant instant() {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    public String record() {
        return value + " " + epochNanos + "\n";
    }

    /** The record as written to the file (ASCII). */
    public byte[] recordBytes() {
        return record().getBytes(StandardCharsets.US_ASCII);
    }
}
