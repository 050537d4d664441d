package dev.switchboard.bootstrap.metrics;

import dev.switchboard.adapter.in.schedule.metrics.RetentionTimer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.in.tcp.graphite.GraphiteTcpServer;
import dev.switchboard.adapter.in.tcp.metrics.MetricsTcpServer;
import dev.switchboard.adapter.in.web.admin.graphite.GraphiteApi;
import dev.switchboard.adapter.in.web.admin.metrics.MetricsApi;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsRequestKind;
import dev.switchboard.application.port.out.telemetry.StorageErrorKind;
import dev.switchboard.application.service.metrics.GraphiteService;
import dev.switchboard.application.service.metrics.MetricsService;
import dev.switchboard.application.service.metrics.RetentionService;
import dev.switchboard.bootstrap.ScheduledComponent;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.Threads;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Wires the metrics service: store → service → MINA listener and admin view; with the Graphite
 * options also the carbon listener on the same service and telemetry, the render API under the
 * admin's {@code /graphite}, and the retention timer.
 */
public final class MetricsAssembly {

    /** The listeners installed: the classic protocol, and carbon's when asked for. */
    public record Installed(TcpComponent classic, Optional<TcpComponent> graphite) {
    }

    private MetricsAssembly() {
    }

    /** The classic service alone. */
    public static TcpComponent install(ServerRuntime runtime, String host, int port) {
        return install(runtime, host, port, MetricsOptions.CLASSIC).classic();
    }

    public static Installed install(ServerRuntime runtime, String host, int port, MetricsOptions options) {
        MetricStore store = runtime.storage().metricStore();
        MetricsService service = new MetricsService(store);
        MicrometerTelemetry telemetry = new MicrometerTelemetry("metrics", runtime.registry(),
                MetricsRequestKind.class, MetricsErrorKind.class, StorageErrorKind.class, ConnectionErrorKind.class);
        telemetry.storedItems(service::count);
        ExecutorService workers = Threads.pool("metrics-worker", 2);
        TcpComponent component = new TcpComponent(
                MetricsTcpServer.create(TcpServerConfig.of(host, port), service, service, workers, telemetry), workers);
        runtime.add(component);
        Clock clock = Clock.systemUTC();
        Optional<TcpComponent> graphite = Optional.empty();
        if (options.graphitePort() != MetricsOptions.OFF) {
            TcpComponent carbon = new TcpComponent(GraphiteTcpServer.create(
                    TcpServerConfig.of(host, options.graphitePort()), service,
                    () -> clock.instant().getEpochSecond(), telemetry), null);
            runtime.add(carbon);
            graphite = Optional.of(carbon);
        }
        options.retention().ifPresent(r -> runtime.add(
                new ScheduledComponent(new RetentionTimer(new RetentionService(store, r, clock)))));
        runtime.expose("metrics", new MetricsApi(service));
        if (runtime.admin() != null) {
            GraphiteService graphiteService = new GraphiteService(store, options.retention(), options.aggregation(), clock);
            runtime.admin().graphite(new GraphiteApi(graphiteService, graphiteService));
        }
        return new Installed(component, graphite);
    }
}
