package dev.switchboard.application.port.in.metrics;

import dev.switchboard.domain.metrics.MetricPoint;
import java.util.concurrent.CompletionStage;

/** Use case: store one point; the stage completes once the point is stored durably. */
public interface PutMetricUseCase {

    CompletionStage<Void> put(MetricPoint point);
}
