package dev.switchboard.application.port.in.metrics;

import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.util.List;

/** Use case: read the points of one key or of every key, ordered by key, then timestamp. */
public interface GetMetricsUseCase {

    List<MetricPoint> get(MetricQuery query);

    /** How many points are stored in all. */
    long count();
}
