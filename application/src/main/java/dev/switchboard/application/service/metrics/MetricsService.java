package dev.switchboard.application.service.metrics;

import dev.switchboard.application.port.in.metrics.GetMetricsUseCase;
import dev.switchboard.application.port.in.metrics.PutMetricUseCase;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import java.util.ArrayList;
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
    public CompletionStage<Void> putAll(MetricBatch batch) {
        Objects.requireNonNull(batch, "'batch' must not be null");
        return batch.isEmpty() ? MetricStore.STORED : store.save(batch);
    }

    @Override
    public List<MetricPoint> get(MetricQuery query) {
        Objects.requireNonNull(query, "'query' must not be null");
        if (query.glob().isEmpty() && !query.isRanged()) {
            return store.find(query);
        }
        List<MetricPoint> out = new ArrayList<>();
        for (MetricSeries s : series(query)) {
            s.addPointsTo(out);
        }
        return out;
    }

    /**
     * A pattern or a time range is answered from the sorted key listing and one range read per
     * matching key, so a store only needs to know single keys and ranges.
     */
    @Override
    public List<MetricSeries> series(MetricQuery query) {
        Objects.requireNonNull(query, "'query' must not be null");
        if (query.glob().isEmpty() && !query.isRanged()) {
            return store.read(query);
        }
        List<MetricKey> keys = query.key().isPresent() ? List.of(query.key().get())
                : query.glob().isPresent() ? KeyListing.matching(store.keys(), query.glob().get()) : store.keys();
        List<MetricSeries> out = new ArrayList<>(keys.size());
        for (MetricKey key : keys) {
            MetricSeries s = store.range(key, query.from(), query.until());
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public MetricSeries range(MetricKey key, long from, long until) {
        Objects.requireNonNull(key, "'key' must not be null");
        return store.range(key, from, until);
    }

    @Override
    public List<MetricKey> keys() {
        return store.keys();
    }

    @Override
    public long count() {
        return store.count();
    }
}
