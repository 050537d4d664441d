package dev.switchboard.domain.collector;

import java.util.Objects;

/**
 * Value object: the identity of a shipped batch, sent as {@code X-Batch-Id} (the collector uses
 * the spool file's name, e.g. {@code 26593136.dat}). 1 to 255 visible ASCII characters, so it is
 * safe to print, log and store. A batch that came without an id (the original C++ collector
 * sends none) gets one the sink makes, {@code anon-<n>}; senders may not use that prefix, so a
 * made id never meets a sender's.
 */
public record BatchId(String value) {

    public static final int MAX_LENGTH = 255;

    public BatchId {
        Objects.requireNonNull(value, "'value' must not be null");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a batch id has 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("a batch id has only visible ASCII characters");
            }
        }
    }

    public static BatchId of(String value) {
        return new BatchId(value);
    }

    /** The prefix of the ids the sink makes for batches sent without one. */
    public static final String ANONYMOUS_PREFIX = "anon-";

    /** The sink's id for the {@code n}th batch that came without one. */
    public static BatchId anonymous(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("anonymous batches count from 1");
        }
        return new BatchId(ANONYMOUS_PREFIX + n);
    }

    /** Whether this id has the form reserved for ids the sink makes ({@code anon-…}, any case). */
    public boolean isAnonymousForm() {
        return value.regionMatches(true, 0, ANONYMOUS_PREFIX, 0, ANONYMOUS_PREFIX.length());
    }

    @Override
    public String toString() {
        return value;
    }
}
