package dev.switchboard.bootstrap.metrics;

import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.in.tcp.metrics.MetricsTcpServer;
import dev.switchboard.adapter.in.web.admin.metrics.MetricsApi;
import dev.switchboard.adapter.telemetry.ServiceTelemetry;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.application.service.metrics.MetricsService;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.Threads;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** Wires the metrics service: store → service → MINA listener and admin view. */
public final class MetricsAssembly {

    private MetricsAssembly() {
    }

    public static TcpComponent install(ServerRuntime runtime, String host, int port) {
        MetricStore store = runtime.storage().metricStore();
        MetricsService service = new MetricsService(store);
        ServiceTelemetry telemetry = new ServiceTelemetry("metrics", runtime.registry())
                .declare(List.of("put", "get"),
                        List.of("wrong_command", "line_too_long", "storage", "internal", "connection_limit"));
        telemetry.storedItems(service::count);
        ExecutorService workers = Threads.pool("metrics-worker", 2);
        TcpComponent component = new TcpComponent(
                MetricsTcpServer.create(TcpServerConfig.of(host, port), service, service, workers, telemetry), workers);
        runtime.add(component);
        runtime.expose("metrics", new MetricsApi(service));
        return component;
    }
}
