package dev.switchboard.domain.collector;

import java.util.Objects;

/**
 * Value object: the identity of a shipped batch, sent as {@code X-Batch-Id} (the collector uses
 * the spool file's name, e.g. {@code 26593136.dat}). 1 to 255 visible ASCII characters, so it is
 * safe to print, log and store.
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

    @Override
    public String toString() {
        return value;
    }
}
