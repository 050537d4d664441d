package dev.switchboard.adapter.in.tcp.metrics;

import dev.switchboard.adapter.in.tcp.common.Failures;
import dev.switchboard.adapter.in.tcp.common.ReplySequencer;
import dev.switchboard.adapter.in.tcp.common.codec.DecodedLine;
import dev.switchboard.adapter.tcp.metrics.protocol.MetricsRequest;
import dev.switchboard.adapter.tcp.metrics.protocol.MetricsResponse;
import dev.switchboard.adapter.telemetry.ServiceTelemetry;
import dev.switchboard.application.port.in.metrics.GetMetricsUseCase;
import dev.switchboard.application.port.in.metrics.PutMetricUseCase;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA handler of the metrics protocol. A put is answered once the store has it (for H2, once
 * committed). A get runs after every earlier request of the same connection is answered, so a
 * client reads its own writes, and before any later put of the connection reaches the store, so
 * it sees exactly what was sent before it; it runs on the worker executor, never on an I/O thread.
 * Puts between two gets go to the store at once, in order, and share commits.
 */
public final class MetricsSessionHandler extends IoHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(MetricsSessionHandler.class);
    private static final AttributeKey GATE = new AttributeKey(MetricsSessionHandler.class, "gate");
    private static final CompletableFuture<Void> OPEN = CompletableFuture.completedFuture(null);

    private final PutMetricUseCase puts;
    private final GetMetricsUseCase gets;
    private final Executor workers;
    private final ServiceTelemetry telemetry;

    public MetricsSessionHandler(PutMetricUseCase puts, GetMetricsUseCase gets, Executor workers,
                                 ServiceTelemetry telemetry) {
        this.puts = Objects.requireNonNull(puts, "'puts' must not be null");
        this.gets = Objects.requireNonNull(gets, "'gets' must not be null");
        this.workers = Objects.requireNonNull(workers, "'workers' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        long start = System.nanoTime();
        ReplySequencer replies = ReplySequencer.of(session);
        DecodedLine line = (DecodedLine) message;
        if (line instanceof DecodedLine.TooLong) {
            telemetry.error("line_too_long");
            replies.enqueueFinal(MetricsResponse.WRONG_COMMAND);
            return;
        }
        if (!(line instanceof DecodedLine.Text text)) {
            telemetry.error("wrong_command");
            replies.enqueueNow(MetricsResponse.WRONG_COMMAND);
            return;
        }
        MetricsRequest request = MetricsRequest.parse(text.text());
        // messageReceived runs for one session at a time, so the gate needs no lock
        CompletableFuture<Void> gate = gate(session);
        if (request instanceof MetricsRequest.Put put) {
            CompletionStage<Void> stored;
            if (gate.isDone()) {
                stored = puts.put(put.point());
            } else {
                // a get is still reading: this put reaches the store after it, and before later puts
                CompletableFuture<CompletionStage<Void>> submitted = gate.thenApply(v -> puts.put(put.point()));
                session.setAttribute(GATE, submitted.handle((r, e) -> null));
                stored = submitted.thenCompose(s -> s);
            }
            replies.enqueue(answer(stored.thenApply(v -> MetricsResponse.OK), "put", start));
        } else if (request instanceof MetricsRequest.Get get) {
            CompletableFuture<Void> earlier = replies.afterPending();
            CompletableFuture<String> read = gate.thenCombine(earlier, (a, b) -> (Void) null)
                    .thenApplyAsync(v -> MetricsResponse.points(gets.get(get.query())), workers);
            session.setAttribute(GATE, read.handle((r, e) -> null));
            replies.enqueue(answer(read, "get", start));
        } else {
            telemetry.error("wrong_command");
            replies.enqueueNow(MetricsResponse.WRONG_COMMAND);
        }
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Void> gate(IoSession session) {
        Object gate = session.getAttribute(GATE);
        return gate == null ? OPEN : (CompletableFuture<Void>) gate;
    }

    private CompletionStage<String> answer(CompletionStage<String> work, String kind, long start) {
        return work.handle((answer, failure) -> {
            if (failure != null) {
                log.warn("metrics: {} failed: {}", kind, Failures.rootMessage(failure));
                telemetry.error("storage");
                return MetricsResponse.STORAGE_FAILED;
            }
            telemetry.answered(kind, start);
            return answer;
        });
    }


    @Override
    public void messageSent(IoSession session, Object message) {
        ReplySequencer.of(session).written();
    }
}
