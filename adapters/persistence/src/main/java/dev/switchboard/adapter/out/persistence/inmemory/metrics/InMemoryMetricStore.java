package dev.switchboard.adapter.out.persistence.inmemory.metrics;

import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Persistence adapter: points in sorted concurrent maps, key → (timestamp → value). */
public final class InMemoryMetricStore implements MetricStore {

    private final ConcurrentSkipListMap<MetricKey, ConcurrentSkipListMap<Long, Double>> series =
            new ConcurrentSkipListMap<>();
    private final AtomicLong count = new AtomicLong();

    @Override
    public CompletionStage<Void> save(MetricPoint point) {
        NavigableMap<Long, Double> points = series.computeIfAbsent(point.key(), k -> new ConcurrentSkipListMap<>());
        if (points.put(point.timestamp(), point.value()) == null) {
            count.incrementAndGet();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<MetricPoint> find(MetricQuery query) {
        List<MetricPoint> result = new ArrayList<>();
        if (query.isAll()) {
            series.forEach((key, points) -> addAll(result, key, points));
        } else {
            MetricKey key = query.key().orElseThrow();
            NavigableMap<Long, Double> points = series.get(key);
            if (points != null) {
                addAll(result, key, points);
            }
        }
        return result;
    }

    private static void addAll(List<MetricPoint> out, MetricKey key, NavigableMap<Long, Double> points) {
        for (Map.Entry<Long, Double> e : points.entrySet()) {
            out.add(new MetricPoint(key, e.getValue(), e.getKey()));
        }
    }

    @Override
    public long count() {
        return count.get();
    }
}
