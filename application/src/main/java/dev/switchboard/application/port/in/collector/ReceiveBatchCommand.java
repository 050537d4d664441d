package dev.switchboard.application.port.in.collector;

import dev.switchboard.domain.collector.BatchId;
import java.util.Objects;

/** A batch as it reached the sink: its id and its whole body. */
public record ReceiveBatchCommand(BatchId batchId, byte[] payload) {

    public ReceiveBatchCommand {
        Objects.requireNonNull(batchId, "'batchId' must not be null");
        Objects.requireNonNull(payload, "'payload' must not be null");
    }
}
