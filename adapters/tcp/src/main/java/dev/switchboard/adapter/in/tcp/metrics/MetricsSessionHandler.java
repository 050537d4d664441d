package dev.switchboard.adapter.in.tcp.metrics;

import dev.switchboard.adapter.in.tcp.common.ReplySequencer;
import dev.switchboard.adapter.in.tcp.common.codec.DecodedLine;
import dev.switchboard.adapter.in.tcp.metrics.message.MetricsRequest;
import dev.switchboard.adapter.in.tcp.metrics.message.MetricsResponse;
import dev.switchboard.adapter.telemetry.ServiceTelemetry;
import dev.switchboard.application.port.in.metrics.GetMetricsUseCase;
import dev.switchboard.application.port.in.metrics.PutMetricUseCase;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA handler of the metrics protocol. A put is answered once the store has it (for H2, once
 * committed); a get runs after every earlier request of the same connection is answered, so a
 * client reads its own writes, and runs on the worker executor, never on an I/O thread.
 */
public final class MetricsSessionHandler extends IoHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(MetricsSessionHandler.class);

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
        if (request instanceof MetricsRequest.Put put) {
            replies.enqueue(answer(puts.put(put.point()).thenApply(v -> MetricsResponse.OK), "put", start));
        } else if (request instanceof MetricsRequest.Get get) {
            CompletableFuture<String> answer = replies.afterPending()
                    .thenApplyAsync(v -> MetricsResponse.points(gets.get(get.query())), workers);
            replies.enqueue(answer(answer, "get", start));
        } else {
            telemetry.error("wrong_command");
            replies.enqueueNow(MetricsResponse.WRONG_COMMAND);
        }
    }

    private CompletionStage<String> answer(CompletionStage<String> work, String kind, long start) {
        return work.handle((answer, failure) -> {
            if (failure != null) {
                log.warn("metrics: {} failed: {}", kind, rootMessage(failure));
                telemetry.error("storage");
                return MetricsResponse.STORAGE_FAILED;
            }
            telemetry.answered(kind, start);
            return answer;
        });
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        ReplySequencer.of(session).written();
    }
}
