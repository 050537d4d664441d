package dev.switchboard.application.port.out.collector;

import dev.switchboard.domain.collector.Receipt;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: the sink's receipts, at most one per batch id. An add completes once the
 * receipt survives a crash of the process (for a durable store) and tells whether it was new.
 */
public interface ReceiptStore {

    /** Stores the receipt unless its batch id is there already: true if stored, false if seen before. */
    CompletionStage<Boolean> add(Receipt receipt);

    /** Every receipt, in the order they were stored. */
    List<Receipt> findAll();

    long count();
}
