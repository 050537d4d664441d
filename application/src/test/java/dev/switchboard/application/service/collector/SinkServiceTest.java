package dev.switchboard.application.service.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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

    @Test
    void givenANewBatch_whenReceived_thenItsReceiptHasSizeAndMillisecondTime() throws Exception {
        when(store.add(any())).thenReturn(CompletableFuture.completedFuture(true));
        SinkService sink = new SinkService(store, clock);

        ReceiptOutcome outcome = sink.receive(new ReceiveBatchCommand(BatchId.of("7.dat"), new byte[42]))
                .toCompletableFuture().get();

        assertThat(outcome).isEqualTo(ReceiptOutcome.STORED);
        verify(store).add(new Receipt(BatchId.of("7.dat"), 42, Instant.parse("2026-11-22T10:15:00.123Z")));
        assertThat(sink.snapshot().duplicates()).isZero();
    }

    @Test
    void givenABatchIdSeenBefore_whenReceived_thenItIsADuplicateAndCounted() throws Exception {
        when(store.add(any())).thenReturn(CompletableFuture.completedFuture(false));
        SinkService sink = new SinkService(store, clock);

        ReceiptOutcome outcome = sink.receive(new ReceiveBatchCommand(BatchId.of("7.dat"), new byte[1]))
                .toCompletableFuture().get();

        assertThat(outcome).isEqualTo(ReceiptOutcome.DUPLICATE);
        assertThat(sink.snapshot().duplicates()).isEqualTo(1);
    }

    @Test
    void givenTheStoreFails_whenReceived_thenTheStageFails() {
        when(store.add(any())).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("disk")));
        SinkService sink = new SinkService(store, clock);

        assertThatThrownBy(() -> sink.receive(new ReceiveBatchCommand(BatchId.of("7.dat"), new byte[1]))
                .toCompletableFuture().get()).isInstanceOf(ExecutionException.class);
        assertThat(sink.snapshot().duplicates()).isZero();
    }
}
