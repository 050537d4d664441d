package dev.switchboard.adapter.out.telemetry;

import dev.switchboard.application.port.out.telemetry.ErrorKind;
import dev.switchboard.application.port.out.telemetry.RequestKind;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The {@link Telemetry} of one service on Micrometer, named the same for every service so one
 * dashboard reads all: {@code switchboard_connections_open}, {@code switchboard_requests_total{kind}},
 * {@code switchboard_errors_total{kind}}, {@code switchboard_request_latency_seconds} (a
 * histogram with buckets) and {@code switchboard_stored_items}, each tagged {@code service}.
 *
 * <p>Every kind of the service's enums is registered at zero when it is made, so each series
 * exists from the first scrape (a counter that appears only with its first event hides that
 * event from {@code rate()} and {@code increase()}).
 */
public final class MicrometerTelemetry implements Telemetry {

    private final String service;
    private final AtomicInteger open = new AtomicInteger();
    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<RequestKind, Counter> requests = new ConcurrentHashMap<>();
    private final Map<ErrorKind, Counter> errors = new ConcurrentHashMap<>();

    /**
     * @param requestKinds the service's request kinds (an enum implementing {@link RequestKind})
     * @param errorKinds   the enums of the errors it can record
     */
    @SafeVarargs
    public MicrometerTelemetry(String service, MeterRegistry registry, Class<? extends RequestKind> requestKinds,
                               Class<? extends ErrorKind>... errorKinds) {
        this.service = Objects.requireNonNull(service, "'service' must not be null");
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        Gauge.builder("switchboard.connections.open", open, AtomicInteger::get)
                .description("Connections open now")
                .tag("service", service)
                .register(registry);
        this.latency = Timer.builder("switchboard.request.latency")
                .description("Time from a request's arrival to its answer")
                .tag("service", service)
                .publishPercentileHistogram()
                .register(registry);
        for (RequestKind kind : requestKinds.getEnumConstants()) {
            requestCounter(kind);
        }
        for (Class<? extends ErrorKind> kinds : errorKinds) {
            for (ErrorKind kind : kinds.getEnumConstants()) {
                errorCounter(kind);
            }
        }
    }

    /** Telemetry that records into a private registry: for tests and tools. */
    @SafeVarargs
    public static MicrometerTelemetry detached(String service, Class<? extends RequestKind> requestKinds,
                                               Class<? extends ErrorKind>... errorKinds) {
        return new MicrometerTelemetry(service, new SimpleMeterRegistry(), requestKinds, errorKinds);
    }

    @Override
    public void connectionOpened() {
        open.incrementAndGet();
    }

    @Override
    public void connectionClosed() {
        open.decrementAndGet();
    }

    public int connectionsOpen() {
        return open.get();
    }

    @Override
    public void answered(RequestKind kind, long startNanos) {
        requestCounter(kind).increment();
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void answered(RequestKind kind, int count, long startNanos) {
        requestCounter(kind).increment(count);
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void error(ErrorKind kind, int count) {
        errorCounter(kind).increment(count);
    }

    @Override
    public void error(ErrorKind kind) {
        errorCounter(kind).increment();
    }

    private Counter requestCounter(RequestKind kind) {
        return requests.computeIfAbsent(kind, k -> Counter.builder("switchboard.requests")
                .description("Requests answered")
                .tags("service", service, "kind", k.label())
                .register(registry));
    }

    private Counter errorCounter(ErrorKind kind) {
        return errors.computeIfAbsent(kind, k -> Counter.builder("switchboard.errors")
                .description("Requests answered with an error")
                .tags("service", service, "kind", k.label())
                .register(registry));
    }

    /** Publishes how many items the service stores, read when scraped. */
    public void storedItems(Supplier<Number> count) {
        Gauge.builder("switchboard.stored.items", count)
                .description("Items the service stores")
                .tag("service", service)
                .strongReference(true)
                .register(registry);
    }

    public double requestCount(RequestKind kind) {
        Counter c = requests.get(kind);
        return c == null ? 0 : c.count();
    }

    public double errorCount(ErrorKind kind) {
        Counter c = errors.get(kind);
        return c == null ? 0 : c.count();
    }
}
