package dev.switchboard.application.port.in.collector;

import dev.switchboard.domain.collector.BatchId;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch as it reached the sink: the id its sender gave it (none from the original C++
 * collector) and its whole body. The body is taken as it is, not copied.
 */
public record ReceiveBatchCommand(Optional<BatchId> batchId, byte[] payload) {

    public ReceiveBatchCommand {
        Objects.requireNonNull(batchId, "'batchId' must not be null");
        Objects.requireNonNull(payload, "'payload' must not be null");
    }

    public static ReceiveBatchCommand of(BatchId batchId, byte[] payload) {
        return new ReceiveBatchCommand(Optional.of(batchId), payload);
    }

    /** A batch sent without an id: the sink makes one. */
    public static ReceiveBatchCommand anonymous(byte[] payload) {
        return new ReceiveBatchCommand(Optional.empty(), payload);
    }
}
