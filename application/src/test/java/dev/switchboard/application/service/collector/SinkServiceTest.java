package dev.switchboard.application.service.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.switchboard.application.port.in.collector.BatchReceived;
import dev.switchboard.application.port.in.collector.ReceiveBatchCommand;
import dev.switchboard.application.port.out.collector.ReceiptStore;
import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.Receipt;
import dev.switchboard.domain.collector.ReceiptOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class SinkServiceTest {

    @Mock
    ReceiptStore store;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:15:00.123456Z"), ZoneOffset.UTC);
    private final Instant millis = Instant.parse("2026-11-22T10:15:00.123Z");

    private static BatchReceived get(java.util.concurrent.CompletionStage<BatchReceived> stage) throws Exception {
        return stage.toCompletableFuture().get();
    }

    @Test
    void givenANewBatch_whenReceived_thenItsReceiptHasSizeAndMillisecondTime() throws Exception {
        when(store.add(any())).thenReturn(CompletableFuture.completedFuture(true));
        SinkService sink = new SinkService(store, clock);

        BatchReceived received = get(sink.receive(ReceiveBatchCommand.of(BatchId.of("7.dat"), new byte[42])));

        assertThat(received).isEqualTo(new BatchReceived(BatchId.of("7.dat"), ReceiptOutcome.STORED));
        verify(store).add(new Receipt(BatchId.of("7.dat"), 42, millis));
    }

    @Test
    void givenABatchIdSeenBefore_whenReceived_thenItIsADuplicate() throws Exception {
        when(store.add(any())).thenReturn(CompletableFuture.completedFuture(false));
        SinkService sink = new SinkService(store, clock);

        BatchReceived received = get(sink.receive(ReceiveBatchCommand.of(BatchId.of("7.dat"), new byte[1])));

        assertThat(received.outcome()).isEqualTo(ReceiptOutcome.DUPLICATE);
    }

    @Test
    void givenTheStoreFails_whenReceived_thenTheStageFails() {
        when(store.add(any())).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("disk")));
        SinkService sink = new SinkService(store, clock);

        assertThatThrownBy(() -> get(sink.receive(ReceiveBatchCommand.of(BatchId.of("7.dat"), new byte[1]))))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void givenBatchesWithoutId_whenReceived_thenEachGetsTheNextAnonId_afterTheStoredCount() throws Exception {
        when(store.count()).thenReturn(4L);
        when(store.addIfAbsent(any())).thenReturn(CompletableFuture.completedFuture(true));
        SinkService sink = new SinkService(store, clock);

        BatchReceived first = get(sink.receive(ReceiveBatchCommand.anonymous(new byte[3])));
        BatchReceived second = get(sink.receive(ReceiveBatchCommand.anonymous(new byte[0])));

        assertThat(first).isEqualTo(new BatchReceived(BatchId.of("anon-5"), ReceiptOutcome.STORED));
        assertThat(second).isEqualTo(new BatchReceived(BatchId.of("anon-6"), ReceiptOutcome.STORED));
        verify(store).addIfAbsent(new Receipt(BatchId.of("anon-5"), 3, millis));
        verify(store).addIfAbsent(new Receipt(BatchId.of("anon-6"), 0, millis));
        verify(store, never()).add(any());
    }

    @Test
    void givenAnAnonIdTakenAlready_whenABatchWithoutIdComes_thenTheNextNumberIsTried_andNoDuplicateCounted()
            throws Exception {
        when(store.count()).thenReturn(0L);
        when(store.addIfAbsent(any())).thenReturn(CompletableFuture.completedFuture(false),
                CompletableFuture.completedFuture(true));
        SinkService sink = new SinkService(store, clock);

        BatchReceived received = get(sink.receive(ReceiveBatchCommand.anonymous(new byte[1])));

        assertThat(received).isEqualTo(new BatchReceived(BatchId.of("anon-2"), ReceiptOutcome.STORED));
        verify(store, never()).add(any());
    }

    @Test
    void snapshot_takesTheDuplicateCountFromTheStore() {
        when(store.duplicates()).thenReturn(7L);
        SinkService sink = new SinkService(store, clock);

        assertThat(sink.snapshot().duplicates()).isEqualTo(7);
    }
}
