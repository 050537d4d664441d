package dev.switchboard.domain.collector;

import java.time.Instant;
import java.util.Objects;

/** Value object: the sink's record that a batch arrived: its id, its size and when it came. */
public record Receipt(BatchId batchId, long bytes, Instant receivedAt) {

    public Receipt {
        Objects.requireNonNull(batchId, "'batchId' must not be null");
        Objects.requireNonNull(receivedAt, "'receivedAt' must not be null");
        if (bytes < 0) {
            throw new IllegalArgumentException("a batch has no negative size");
        }
    }
}
