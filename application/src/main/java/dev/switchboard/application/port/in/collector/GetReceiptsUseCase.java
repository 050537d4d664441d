package dev.switchboard.application.port.in.collector;

import dev.switchboard.domain.collector.Receipt;
import java.util.List;

/** Use case: what the sink has received: one receipt per batch id, and the duplicates it refused to store. */
public interface GetReceiptsUseCase {

    SinkSnapshot snapshot();

    /** The receipts and the count of duplicate batches acknowledged (since start; across restarts with a durable store). */
    record SinkSnapshot(List<Receipt> receipts, long duplicates) {

        public SinkSnapshot {
            receipts = List.copyOf(receipts);
        }
    }
}
