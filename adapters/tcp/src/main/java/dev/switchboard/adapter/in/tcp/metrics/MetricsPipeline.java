package dev.switchboard.adapter.in.tcp.metrics;

import dev.switchboard.adapter.in.tcp.common.StorageFailures;
import dev.switchboard.adapter.in.tcp.common.pipeline.LinePipeline;
import dev.switchboard.adapter.in.tcp.common.pipeline.Replies;
import dev.switchboard.adapter.tcp.metrics.protocol.MetricsResponse;
import dev.switchboard.application.port.in.metrics.GetMetricsUseCase;
import dev.switchboard.application.port.in.metrics.PutMetricUseCase;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.application.port.out.telemetry.MetricsErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsRequestKind;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricQuery;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics protocol on the {@link LinePipeline}. The puts of one read go to the store as one
 * {@link MetricBatch} (a {@code get} or a wrong line between them cuts the batch, to keep the
 * order), and are answered once the store has them: at once for a store that stores at once
 * (no future per request), after the commit for H2. A get runs on the worker executor, never
 * on an I/O thread, after every earlier request of its connection is answered, so a client
 * reads its own writes, and before any later put of the connection reaches the store, so it
 * sees exactly what was sent before it. Telemetry counts every request and records one latency
 * per batch.
 */
public final class MetricsPipeline implements LinePipeline.Protocol<MetricsPipeline.Connection> {

    private static final Logger log = LoggerFactory.getLogger(MetricsPipeline.class);
    private static final CompletableFuture<Void> OPEN = CompletableFuture.completedFuture(null);
    private static final byte[] OK = MetricsResponse.OK.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRONG_COMMAND = MetricsResponse.WRONG_COMMAND.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STORAGE_FAILED = MetricsResponse.STORAGE_FAILED.getBytes(StandardCharsets.US_ASCII);

    private final PutMetricUseCase puts;
    private final GetMetricsUseCase gets;
    private final Executor workers;
    private final Telemetry telemetry;

    public MetricsPipeline(PutMetricUseCase puts, GetMetricsUseCase gets, Executor workers,
                           Telemetry telemetry) {
        this.puts = Objects.requireNonNull(puts, "'puts' must not be null");
        this.gets = Objects.requireNonNull(gets, "'gets' must not be null");
        this.workers = Objects.requireNonNull(workers, "'workers' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
    }

    /** One connection: its parser, and the gate later puts wait behind while a get reads. */
    public static final class Connection {
        private final MetricsLineParser parser = new MetricsLineParser();
        private CompletableFuture<Void> gate = OPEN;
    }

    @Override
    public Connection open(IoSession session) {
        return new Connection();
    }

    @Override
    public void lines(Connection c, LinePipeline.Lines lines, Replies replies) {
        long start = System.nanoTime();
        MetricBatch batch = null;
        int wrong = 0;
        while (lines.next()) {
            MetricsLineParser.Kind kind = c.parser.parse(lines.bytes(), lines.start(), lines.length());
            if (kind == MetricsLineParser.Kind.PUT) {
                if (batch == null) {
                    batch = new MetricBatch(16);
                }
                batch.add(c.parser.key(), c.parser.value(), c.parser.timestamp());
                continue;
            }
            if (batch != null) {
                store(c, batch, replies, start);
                batch = null;
            }
            if (kind == MetricsLineParser.Kind.GET) {
                get(c, c.parser.query(), replies, start);
            } else {
                wrong++;
                replies.ready(WRONG_COMMAND);
            }
        }
        if (batch != null) {
            store(c, batch, replies, start);
        }
        for (int i = 0; i < wrong; i++) {
            telemetry.error(MetricsErrorKind.WRONG_COMMAND);
        }
    }

    private void store(Connection c, MetricBatch batch, Replies replies, long start) {
        CompletionStage<Void> stored;
        if (c.gate.isDone()) {
            stored = puts.putAll(batch);
        } else {
            // a get is still reading: these puts reach the store after it, and before later puts
            CompletableFuture<CompletionStage<Void>> submitted = c.gate.thenApply(v -> puts.putAll(batch));
            c.gate = submitted.handle((r, e) -> null);
            stored = submitted.thenCompose(s -> s);
        }
        int n = batch.size();
        if (stored == MetricStore.STORED) {
            replies.ready(OK, n);
            telemetry.answered(MetricsRequestKind.PUT, n, start);
            return;
        }
        replies.later(stored.handle((v, failure) -> {
            if (failure != null) {
                StorageFailures.told(log, telemetry, failure, "metrics: {} puts failed", n);
                return repeat(STORAGE_FAILED, n);
            }
            telemetry.answered(MetricsRequestKind.PUT, n, start);
            return repeat(OK, n);
        }), n * STORAGE_FAILED.length);
    }

    private void get(Connection c, MetricQuery query, Replies replies, long start) {
        CompletableFuture<Void> earlier = replies.afterEarlier();
        CompletableFuture<byte[]> read = c.gate.thenCombine(earlier, (a, b) -> (Void) null)
                .thenApplyAsync(v -> MetricsResponse.series(gets.series(query)), workers);
        c.gate = read.handle((r, e) -> null);
        replies.later(read.handle((answer, failure) -> {
            if (failure != null) {
                StorageFailures.told(log, telemetry, failure, "metrics: get failed");
                return STORAGE_FAILED;
            }
            telemetry.answered(MetricsRequestKind.GET, 1, start);
            return answer;
        }));
    }

    @Override
    public byte[] tooLong(Connection c) {
        telemetry.error(MetricsErrorKind.LINE_TOO_LONG);
        return WRONG_COMMAND;
    }

    private static byte[] repeat(byte[] answer, int times) {
        byte[] out = new byte[answer.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(answer, 0, out, i * answer.length, answer.length);
        }
        return out;
    }
}
