package dev.switchboard.application.service.collector;

import dev.switchboard.application.port.in.collector.BatchReceived;
import dev.switchboard.application.port.in.collector.GetReceiptsUseCase;
import dev.switchboard.application.port.in.collector.ReceiveBatchCommand;
import dev.switchboard.application.port.in.collector.ReceiveBatchUseCase;
import dev.switchboard.application.port.out.collector.ReceiptStore;
import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.Receipt;
import dev.switchboard.domain.collector.ReceiptOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Service: the sink's receipts. The store keeps one receipt per batch id; a batch id seen before
 * is acknowledged as a duplicate (and counted by the store) instead of being stored again.
 *
 * <p>A batch sent without an id gets {@code anon-<n>}. The numbers go on from the store's count
 * of receipts (every made id is at most that count when it is stored), so a restart on a durable
 * store never makes an id it made before; should an id be taken all the same (another node on
 * the same database), the next number is tried. Such a batch cannot be deduplicated.
 */
public final class SinkService implements ReceiveBatchUseCase, GetReceiptsUseCase {

    /** Taken ids in a row before an anonymous batch is refused (as a storage failure, so it is retried). */
    private static final int ANONYMOUS_ATTEMPTS = 100;

    private final ReceiptStore store;
    private final Clock clock;
    private final Object anonymousLock = new Object();
    /** The next anonymous number; 0 until first needed (then read from the store's count). */
    private long nextAnonymous;

    public SinkService(ReceiptStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    @Override
    public CompletionStage<BatchReceived> receive(ReceiveBatchCommand command) {
        Objects.requireNonNull(command, "'command' must not be null");
        // millisecond precision: what every store keeps, so a receipt reads back as it was made
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long bytes = command.payload().length;
        if (command.batchId().isEmpty()) {
            return receiveAnonymous(bytes, now, ANONYMOUS_ATTEMPTS);
        }
        BatchId id = command.batchId().get();
        return store.add(new Receipt(id, bytes, now)).thenApply(stored ->
                new BatchReceived(id, stored ? ReceiptOutcome.STORED : ReceiptOutcome.DUPLICATE));
    }

    private CompletionStage<BatchReceived> receiveAnonymous(long bytes, Instant at, int attemptsLeft) {
        if (attemptsLeft == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "no free anonymous batch id after " + ANONYMOUS_ATTEMPTS + " tries"));
        }
        BatchId id = BatchId.anonymous(takeAnonymousNumber());
        return store.addIfAbsent(new Receipt(id, bytes, at)).thenCompose(stored -> stored
                ? CompletableFuture.completedFuture(new BatchReceived(id, ReceiptOutcome.STORED))
                : receiveAnonymous(bytes, at, attemptsLeft - 1));
    }

    private long takeAnonymousNumber() {
        synchronized (anonymousLock) {
            if (nextAnonymous == 0) {
                nextAnonymous = store.count() + 1;
            }
            return nextAnonymous++;
        }
    }

    @Override
    public SinkSnapshot snapshot() {
        return new SinkSnapshot(store.findAll(), store.duplicates());
    }

    public long count() {
        return store.count();
    }
}
