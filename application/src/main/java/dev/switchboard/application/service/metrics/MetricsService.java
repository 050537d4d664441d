package dev.switchboard.application.service.metrics;

import dev.switchboard.application.port.in.metrics.GetMetricsUseCase;
import dev.switchboard.application.port.in.metrics.PutMetricUseCase;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Service: the metrics use cases over a {@link MetricStore}. */
public final class MetricsService implements PutMetricUseCase, GetMetricsUseCase {

    private final MetricStore store;

    public MetricsService(MetricStore store) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
    }

    @Override
    public CompletionStage<Void> put(MetricPoint point) {
        Objects.requireNonNull(point, "'point' must not be null");
        return store.save(point);
    }

    @Override
    public List<MetricPoint> get(MetricQuery query) {
        Objects.requireNonNull(query, "'query' must not be null");
        return store.find(query);
    }

    @Override
    public long count() {
        return store.count();
    }
}
