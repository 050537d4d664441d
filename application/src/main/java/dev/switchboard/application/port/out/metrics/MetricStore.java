package dev.switchboard.application.port.out.metrics;

import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: where points live. A save replaces the value of an existing
 * (key, timestamp); its stage completes only once the point survives a crash of the
 * process (for a durable store) and fails if it could not be stored.
 */
public interface MetricStore {

    CompletionStage<Void> save(MetricPoint point);

    /** Points matching the query, ordered by key, then timestamp ascending. */
    List<MetricPoint> find(MetricQuery query);

    long count();
}
