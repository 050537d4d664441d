package dev.switchboard.application.service.collector;

import dev.switchboard.application.port.in.collector.GetReceiptsUseCase;
import dev.switchboard.application.port.in.collector.ReceiveBatchCommand;
import dev.switchboard.application.port.in.collector.ReceiveBatchUseCase;
import dev.switchboard.application.port.out.collector.ReceiptStore;
import dev.switchboard.domain.collector.Receipt;
import dev.switchboard.domain.collector.ReceiptOutcome;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Service: the sink's receipts. The store keeps one receipt per batch id; a batch id seen before
 * is acknowledged as a duplicate (and counted) instead of being stored again.
 */
public final class SinkService implements ReceiveBatchUseCase, GetReceiptsUseCase {

    private final ReceiptStore store;
    private final Clock clock;
    private final AtomicLong duplicates = new AtomicLong();

    public SinkService(ReceiptStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    @Override
    public CompletionStage<ReceiptOutcome> receive(ReceiveBatchCommand command) {
        Objects.requireNonNull(command, "'command' must not be null");
        // millisecond precision: what every store keeps, so a receipt reads back as it was made
        Receipt receipt = new Receipt(command.batchId(), command.payload().length,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return store.add(receipt).thenApply(stored -> {
            if (stored) {
                return ReceiptOutcome.STORED;
            }
            duplicates.incrementAndGet();
            return ReceiptOutcome.DUPLICATE;
        });
    }

    @Override
    public SinkSnapshot snapshot() {
        return new SinkSnapshot(store.findAll(), duplicates.get());
    }

    public long count() {
        return store.count();
    }
}
