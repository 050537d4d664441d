package dev.switchboard.application.service.metrics;

import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import dev.switchboard.domain.metrics.retention.Retention;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/** A store fake over sorted maps: keys and single-key reads only, as the port promises. */
final class TreeStore implements MetricStore {

    private final TreeMap<MetricKey, TreeMap<Long, Double>> data = new TreeMap<>();

    TreeStore with(String key, double value, long timestamp) {
        save(MetricPoint.of(key, value, timestamp));
        return this;
    }

    @Override
    public synchronized CompletionStage<Void> save(MetricBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            data.computeIfAbsent(batch.key(i), k -> new TreeMap<>()).put(batch.timestamp(i), batch.value(i));
        }
        return STORED;
    }

    @Override
    public synchronized List<MetricSeries> read(MetricQuery query) {
        if (query.glob().isPresent() || query.isRanged()) {
            throw new AssertionError("the service answers patterns and ranges itself");
        }
        List<MetricSeries> out = new ArrayList<>();
        for (MetricKey key : data.keySet()) {
            if (query.matches(key)) {
                out.add(range(key, Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
        return out;
    }

    @Override
    public synchronized MetricSeries range(MetricKey key, long from, long until) {
        var slice = data.getOrDefault(key, new TreeMap<>()).subMap(from, true, until, true);
        return new MetricSeries(key, slice.keySet().stream().mapToLong(Long::longValue).toArray(),
                slice.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public synchronized List<MetricKey> keys() {
        return data.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized long count() {
        return data.values().stream().mapToLong(Map::size).sum();
    }

    @Override
    public synchronized long rollUp(Retention retention, long now) {
        long removed = 0;
        for (Map.Entry<MetricKey, TreeMap<Long, Double>> e : data.entrySet()) {
            MetricSeries s = range(e.getKey(), Long.MIN_VALUE, Long.MAX_VALUE);
            long[] ts = new long[s.size()];
            double[] v = new double[s.size()];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = s.timestamp(i);
                v[i] = s.value(i);
            }
            int kept = retention.rollUp(ts, v, ts.length, now);
            removed += ts.length - kept;
            e.getValue().clear();
            for (int i = 0; i < kept; i++) {
                e.getValue().put(ts[i], v[i]);
            }
        }
        return removed;
    }
}
