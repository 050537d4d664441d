package dev.switchboard.application.port.out.collector;

import dev.switchboard.domain.collector.BatchId;

/** Outbound port: ships one batch to the sink and says whether the sink took it. */
public interface BatchUploadPort {

    /**
     * Sends the whole body under its id. Never throws for a failure of the sink or the network:
     * the result says what happened.
     */
    UploadResult upload(BatchId batchId, byte[] body);

    /** Where batches go, for messages. */
    String target();
}
