package dev.switchboard.domain.collector;

import java.util.Optional;

/**
 * Value object: the name of a file the collector owns in its spool directory, either
 * {@code <period>.dat} (samples) or {@code <period>.dat.lock} (the period may still be written).
 * Only canonical names parse: decimal digits without a leading zero, nothing before or after,
 * so no name can point outside the directory and each period has exactly one name.
 */
public record SpoolName(long period, Kind kind) {

    /** What the file holds. */
    public enum Kind {
        DATA(".dat"), LOCK(".dat.lock");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    /** The folder inside the spool that files the sink refuses for good are moved to. */
    public static final String REJECTED_FOLDER = "rejected";

    /** 18 digits always fit a long. */
    private static final int MAX_DIGITS = 18;

    public SpoolName {
        if (period < 0) {
            throw new IllegalArgumentException("a period number is not negative, not " + period);
        }
        if (kind == null) {
            throw new NullPointerException("'kind' must not be null");
        }
    }

    public static SpoolName data(long period) {
        return new SpoolName(period, Kind.DATA);
    }

    public static SpoolName lock(long period) {
        return new SpoolName(period, Kind.LOCK);
    }

    /** The name of a spool file, or empty for any other name (those files are left alone). */
    public static Optional<SpoolName> parse(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        Kind kind;
        if (fileName.endsWith(Kind.LOCK.suffix)) {
            kind = Kind.LOCK;
        } else if (fileName.endsWith(Kind.DATA.suffix)) {
            kind = Kind.DATA;
        } else {
            return Optional.empty();
        }
        String digits = fileName.substring(0, fileName.length() - kind.suffix.length());
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return Optional.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(new SpoolName(Long.parseLong(digits), kind));
    }

    public String fileName() {
        return period + kind.suffix;
    }

    @Override
    public String toString() {
        return fileName();
    }
}
