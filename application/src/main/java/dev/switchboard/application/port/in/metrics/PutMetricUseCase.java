package dev.switchboard.application.port.in.metrics;

import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricPoint;
import java.util.concurrent.CompletionStage;

/**
 * Use case: store points; the stage completes once they are stored durably. A store that
 * stores at once answers {@link dev.switchboard.application.port.out.metrics.MetricStore#STORED}.
 */
public interface PutMetricUseCase {

    CompletionStage<Void> put(MetricPoint point);

    /** Stores the points of one batch in order; the batch must not change afterwards. */
    CompletionStage<Void> putAll(MetricBatch batch);
}
