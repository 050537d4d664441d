package dev.switchboard.application.port.out.collector;

import dev.switchboard.domain.collector.Receipt;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: the sink's receipts, at most one per batch id, and how many duplicates were
 * acknowledged. A write completes once it survives a crash of the process (for a durable store).
 */
public interface ReceiptStore {

    /**
     * Stores the receipt unless its batch id is there already: true if stored, false if seen
     * before, and then one more duplicate is counted in the same write.
     */
    CompletionStage<Boolean> add(Receipt receipt);

    /** Stores the receipt unless its batch id is there already; counts nothing: true if stored. */
    CompletionStage<Boolean> addIfAbsent(Receipt receipt);

    /** Every receipt, in the order they were stored. */
    List<Receipt> findAll();

    long count();

    /** Duplicates counted by {@link #add} (since the store was created, for a durable store). */
    long duplicates();
}
