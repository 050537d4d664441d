package dev.switchboard.application.port.in.collector;

import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.ReceiptOutcome;
import java.util.Objects;

/** What the sink did with a batch: the id it is kept under (made by the sink if none came) and whether it was new. */
public record BatchReceived(BatchId batchId, ReceiptOutcome outcome) {

    public BatchReceived {
        Objects.requireNonNull(batchId, "'batchId' must not be null");
        Objects.requireNonNull(outcome, "'outcome' must not be null");
    }
}
