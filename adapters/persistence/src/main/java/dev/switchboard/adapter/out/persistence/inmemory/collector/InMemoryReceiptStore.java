package dev.switchboard.adapter.out.persistence.inmemory.collector;

import dev.switchboard.application.port.out.collector.ReceiptStore;
import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.Receipt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Persistence adapter: receipts in an insertion-ordered map keyed by batch id, and a duplicate count. */
public final class InMemoryReceiptStore implements ReceiptStore {

    private final Map<BatchId, Receipt> receipts = new LinkedHashMap<>();
    private long duplicates;

    @Override
    public synchronized CompletionStage<Boolean> add(Receipt receipt) {
        boolean stored = receipts.putIfAbsent(receipt.batchId(), receipt) == null;
        if (!stored) {
            duplicates++;
        }
        return CompletableFuture.completedFuture(stored);
    }

    @Override
    public synchronized CompletionStage<Boolean> addIfAbsent(Receipt receipt) {
        return CompletableFuture.completedFuture(receipts.putIfAbsent(receipt.batchId(), receipt) == null);
    }

    @Override
    public synchronized List<Receipt> findAll() {
        return List.copyOf(receipts.values());
    }

    @Override
    public synchronized long count() {
        return receipts.size();
    }

    @Override
    public synchronized long duplicates() {
        return duplicates;
    }
}
