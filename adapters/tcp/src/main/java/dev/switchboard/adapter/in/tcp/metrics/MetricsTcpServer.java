package dev.switchboard.adapter.in.tcp.metrics;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.in.tcp.common.pipeline.LinePipeline;
import dev.switchboard.adapter.tcp.metrics.protocol.MetricsRequest;
import dev.switchboard.application.port.in.metrics.GetMetricsUseCase;
import dev.switchboard.application.port.in.metrics.PutMetricUseCase;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import java.util.concurrent.Executor;

/** Builds the metrics listener: the line pipeline with {@link MetricsPipeline}. */
public final class MetricsTcpServer {

    private MetricsTcpServer() {
    }

    public static MinaTcpServer create(TcpServerConfig config, PutMetricUseCase puts, GetMetricsUseCase gets,
                                       Executor workers, Telemetry telemetry) {
        return new MinaTcpServer("metrics", config, null,
                new LinePipeline<>(new MetricsPipeline(puts, gets, workers, telemetry),
                        MetricsRequest.MAX_LINE_BYTES), telemetry);
    }
}
