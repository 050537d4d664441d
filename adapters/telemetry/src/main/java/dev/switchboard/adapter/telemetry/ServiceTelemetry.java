package dev.switchboard.adapter.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The meters of one service, named the same for every service so one dashboard reads all:
 * {@code switchboard_connections_open}, {@code switchboard_requests_total{kind}},
 * {@code switchboard_errors_total{kind}}, {@code switchboard_request_latency_seconds} (a
 * histogram with buckets) and {@code switchboard_stored_items}, each tagged {@code service}.
 */
public final class ServiceTelemetry {

    private final String service;
    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Timer latency;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    public ServiceTelemetry(String service, MeterRegistry registry) {
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
    }

    /** Telemetry that records into a private registry: for tests and tools. */
    public static ServiceTelemetry detached(String service) {
        return new ServiceTelemetry(service, new SimpleMeterRegistry());
    }

    public String service() {
        return service;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void connectionOpened() {
        open.incrementAndGet();
    }

    public void connectionClosed() {
        open.decrementAndGet();
    }

    public int connectionsOpen() {
        return open.get();
    }

    /**
     * Registers the request and error kinds a service knows at zero, so their series exist from
     * the first scrape (a counter that appears only with its first event hides that event from
     * {@code rate()} and {@code increase()}). Kinds not declared are still counted when they occur.
     */
    public ServiceTelemetry declare(List<String> requestKinds, List<String> errorKinds) {
        requestKinds.forEach(this::requestCounter);
        errorKinds.forEach(this::errorCounter);
        return this;
    }

    /** A request of the given kind was answered; {@code startNanos} came from {@link System#nanoTime()}. */
    public void answered(String kind, long startNanos) {
        requestCounter(kind).increment();
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** {@code count} requests of one kind were handled together, from {@code startNanos} on. */
    public void answered(String kind, int count, long startNanos) {
        requestCounter(kind).increment(count);
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** {@code count} requests were refused for one reason. */
    public void error(String kind, int count) {
        errorCounter(kind).increment(count);
    }

    /** A request was refused, for the given reason (a short, fixed word such as {@code bad_request}). */
    public void error(String kind) {
        errorCounter(kind).increment();
    }

    private Counter requestCounter(String kind) {
        return requests.computeIfAbsent(kind, k -> Counter.builder("switchboard.requests")
                .description("Requests answered")
                .tags("service", service, "kind", k)
                .register(registry));
    }

    private Counter errorCounter(String kind) {
        return errors.computeIfAbsent(kind, k -> Counter.builder("switchboard.errors")
                .description("Requests answered with an error")
                .tags("service", service, "kind", k)
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

    public double requestCount(String kind) {
        Counter c = requests.get(kind);
        return c == null ? 0 : c.count();
    }

    public double errorCount(String kind) {
        Counter c = errors.get(kind);
        return c == null ? 0 : c.count();
    }
}
