package dev.switchboard.application.port.out.metrics;

import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import dev.switchboard.domain.metrics.retention.Retention;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: where points live. A save replaces the value of an existing
 * (key, timestamp); its stage completes only once the points survive a crash of the
 * process (for a durable store) and fails if they could not be stored.
 */
public interface MetricStore {

    /**
     * The stage a store that stores at once returns: already complete, shared, never to be
     * completed by anyone. Callers may test for it by identity to skip waiting.
     */
    CompletionStage<Void> STORED = CompletableFuture.completedFuture(null);

    /**
     * Stores every point of the batch, in order (a later point with the same key and timestamp
     * wins), all or none; the store keeps the batch and the caller must not change it afterwards.
     */
    CompletionStage<Void> save(MetricBatch batch);

    default CompletionStage<Void> save(MetricPoint point) {
        return save(MetricBatch.of(point));
    }

    /** Each matching key's points, keys in order ({@link String#compareTo}), timestamps ascending. */
    List<MetricSeries> read(MetricQuery query);

    /** Points matching the query, ordered by key, then timestamp ascending. */
    default List<MetricPoint> find(MetricQuery query) {
        List<MetricPoint> out = new ArrayList<>();
        for (MetricSeries series : read(query)) {
            series.addPointsTo(out);
        }
        return out;
    }

    /** The points of one key with {@code from <= timestamp <= until}, ascending; empty for an unknown key. */
    MetricSeries range(MetricKey key, long from, long until);

    /** Every key that has a point, in order ({@link String#compareTo}). */
    List<MetricKey> keys();

    long count();

    /**
     * Applies a retention as of {@code now} ({@link Retention#rollUp} on every key): points too
     * old are dropped, finished slots become one point each. A save running at the same time is
     * never lost (it is at worst rolled up at the next call). Answers how many points are gone.
     */
    long rollUp(Retention retention, long now);
}
