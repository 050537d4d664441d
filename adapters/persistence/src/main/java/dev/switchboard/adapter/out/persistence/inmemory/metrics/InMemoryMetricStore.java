package dev.switchboard.adapter.out.persistence.inmemory.metrics;

import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import dev.switchboard.domain.metrics.retention.Retention;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Persistence adapter: keys in a concurrent hash map, each key's points in primitive columns
 * ({@link ColumnSeries}). A save locks only the series it touches, so connections writing
 * different keys never wait for each other; keys are sorted only when a read lists them.
 * Saves are stored before {@link #save} returns, which answers {@link MetricStore#STORED}.
 */
public final class InMemoryMetricStore implements MetricStore {

    private final ConcurrentHashMap<MetricKey, ColumnSeries> series = new ConcurrentHashMap<>();
    private final LongAdder count = new LongAdder();

    @Override
    public CompletionStage<Void> save(MetricBatch batch) {
        int added = 0;
        ColumnSeries last = null;
        MetricKey lastKey = null;
        for (int i = 0, n = batch.size(); i < n; i++) {
            MetricKey key = batch.key(i);
            if (key != lastKey) {
                last = seriesOf(key);
                lastKey = key;
            }
            if (last.put(batch.timestamp(i), batch.value(i))) {
                added++;
            }
        }
        if (added > 0) {
            count.add(added);
        }
        return STORED;
    }

    private ColumnSeries seriesOf(MetricKey key) {
        ColumnSeries found = series.get(key);
        return found != null ? found : series.computeIfAbsent(key, k -> new ColumnSeries());
    }

    @Override
    public List<MetricSeries> read(MetricQuery query) {
        if (!query.isAll()) {
            MetricKey key = query.key().orElseThrow();
            MetricSeries one = range(key, Long.MIN_VALUE, Long.MAX_VALUE);
            return one.isEmpty() ? List.of() : List.of(one);
        }
        List<MetricKey> keys = keys();
        List<MetricSeries> out = new ArrayList<>(keys.size());
        for (MetricKey key : keys) {
            MetricSeries s = range(key, Long.MIN_VALUE, Long.MAX_VALUE);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public MetricSeries range(MetricKey key, long from, long until) {
        ColumnSeries s = series.get(key);
        if (s == null) {
            return MetricSeries.empty(key);
        }
        ColumnSeries.Slice slice = s.slice(from, until);
        return new MetricSeries(key, slice.timestamps(), slice.values());
    }

    @Override
    public List<MetricKey> keys() {
        List<MetricKey> keys = new ArrayList<>(series.size());
        // a key whose points all aged out keeps its (empty) series: removing it could lose a save
        // that already holds it
        series.forEach((key, s) -> {
            if (s.size() > 0) {
                keys.add(key);
            }
        });
        keys.sort(null);
        return keys;
    }

    @Override
    public long rollUp(Retention retention, long now) {
        long removed = 0;
        for (ColumnSeries s : series.values()) {
            removed += s.rollUp(retention, now);
        }
        count.add(-removed);
        return removed;
    }

    @Override
    public long count() {
        return count.sum();
    }
}
