package dev.switchboard.adapter.in.web.admin.metrics;

import dev.switchboard.adapter.in.web.admin.ApiException;
import dev.switchboard.adapter.in.web.admin.ApiRoute;
import dev.switchboard.application.port.in.metrics.GetMetricsUseCase;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/metrics?key=K} ({@code *} or no key for all):
 * {@code {"count":N,"metrics":{"k":[{"timestamp":1,"value":2.0}]}}}.
 */
public final class MetricsApi implements ApiRoute {

    record PointView(long timestamp, double value) {
    }

    record MetricsView(long count, Map<String, List<PointView>> metrics) {
    }

    private final GetMetricsUseCase metrics;

    public MetricsApi(GetMetricsUseCase metrics) {
        this.metrics = Objects.requireNonNull(metrics, "'metrics' must not be null");
    }

    @Override
    public Object get(Map<String, String> query) throws ApiException {
        String key = query.getOrDefault("key", "*");
        MetricQuery q;
        try {
            q = MetricQuery.parse(key);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad key: " + e.getMessage());
        }
        Map<String, List<PointView>> byKey = new LinkedHashMap<>();
        for (MetricPoint p : metrics.get(q)) {
            byKey.computeIfAbsent(p.key().value(), k -> new ArrayList<>()).add(new PointView(p.timestamp(), p.value()));
        }
        return new MetricsView(metrics.count(), byKey);
    }
}
