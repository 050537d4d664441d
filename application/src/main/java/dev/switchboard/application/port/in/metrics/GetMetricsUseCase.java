package dev.switchboard.application.port.in.metrics;

import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import java.util.List;

/** Use case: read the points of one key or of every key, ordered by key, then timestamp. */
public interface GetMetricsUseCase {

    List<MetricPoint> get(MetricQuery query);

    /** The same points as {@link #get}, one series per key. */
    List<MetricSeries> series(MetricQuery query);

    /** One key's points with {@code from <= timestamp <= until}. */
    MetricSeries range(MetricKey key, long from, long until);

    /** Every key that has a point, sorted. */
    List<MetricKey> keys();

    /** How many points are stored in all. */
    long count();
}
