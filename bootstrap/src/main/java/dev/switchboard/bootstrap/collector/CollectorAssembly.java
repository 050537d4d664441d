package dev.switchboard.bootstrap.collector;

import dev.switchboard.adapter.in.schedule.collector.CollectorTimers;
import dev.switchboard.adapter.in.web.admin.collector.CollectorApi;
import dev.switchboard.adapter.in.web.admin.collector.SinkApi;
import dev.switchboard.adapter.in.web.collector.SinkConfig;
import dev.switchboard.adapter.in.web.collector.SinkServer;
import dev.switchboard.adapter.out.http.collector.HttpBatchUploader;
import dev.switchboard.adapter.out.spool.collector.FileSpool;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.out.collector.ReceiptStore;
import dev.switchboard.application.port.out.telemetry.SinkErrorKind;
import dev.switchboard.application.port.out.telemetry.SinkRequestKind;
import dev.switchboard.application.port.out.telemetry.StorageErrorKind;
import dev.switchboard.application.service.collector.CollectorStatusService;
import dev.switchboard.application.service.collector.DistributorService;
import dev.switchboard.application.service.collector.SampleGeneratorService;
import dev.switchboard.application.service.collector.SinkService;
import dev.switchboard.bootstrap.ScheduledComponent;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.Threads;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Wires the collector: spool and uploader → generator and distributor → their timers and admin
 * view; and the sink: receipt store → service → Jetty listener and admin view.
 */
public final class CollectorAssembly {

    private CollectorAssembly() {
    }

    /** The {@code collector} role: ships to the sink its settings name. */
    public static ScheduledComponent installCollector(ServerRuntime runtime, CollectorSettings settings) {
        URI sink = HttpBatchUploader.sinkUri(settings.sinkHost(), settings.sinkPort());
        return installCollector(runtime, settings, () -> sink);
    }

    /**
     * A collector that ships to {@code target} instead of the settings' sink host and port; the
     * target is asked for when the collector starts, so it may be a sink of the same runtime
     * that binds a free port when it starts (components start in the order they were added).
     */
    public static ScheduledComponent installCollector(ServerRuntime runtime, CollectorSettings settings,
                                                      Supplier<URI> target) {
        Clock clock = Clock.systemUTC();
        FileSpool spool = FileSpool.open(settings.spoolDir());
        ShipOnStart uploader = new ShipOnStart(target, settings.connectTimeout(), settings.requestTimeout());
        SampleGeneratorService generator = new SampleGeneratorService(spool, settings.rotation(),
                settings.samplePeriod(), clock, RandomGenerator.getDefault());
        ExecutorService uploads = Threads.pool("collector-upload", settings.uploads());
        DistributorService distributor = new DistributorService(spool, uploader, clock, uploads, settings.uploads());
        ScheduledComponent component = new ScheduledComponent(new CollectorTimers(generator, distributor,
                settings.schedule(), spool.describe(), uploader::target, clock, () -> {
                    uploads.shutdownNow();
                    uploader.close();
                }));
        runtime.add(component);
        runtime.expose("collector", new CollectorApi(new CollectorStatusService(spool, distributor, generator)));
        return component;
    }

    public static SinkComponent installSink(ServerRuntime runtime, SinkConfig config, PrintStream echo) {
        ReceiptStore store = runtime.storage().receiptStore();
        SinkService service = new SinkService(store, Clock.systemUTC());
        MicrometerTelemetry telemetry = new MicrometerTelemetry("sink", runtime.registry(),
                SinkRequestKind.class, SinkErrorKind.class, StorageErrorKind.class);
        telemetry.storedItems(service::count);
        SinkComponent component = new SinkComponent(new SinkServer(config, service, echo, telemetry));
        runtime.add(component);
        runtime.expose("sink", new SinkApi(service));
        return component;
    }
}
