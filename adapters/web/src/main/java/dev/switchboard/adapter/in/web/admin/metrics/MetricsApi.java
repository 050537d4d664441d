package dev.switchboard.adapter.in.web.admin.metrics;

import dev.switchboard.adapter.in.web.admin.ApiException;
import dev.switchboard.adapter.in.web.admin.ApiRoute;
import dev.switchboard.adapter.in.web.admin.Page;
import dev.switchboard.application.port.in.metrics.GetMetricsUseCase;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricSeries;
import dev.switchboard.domain.metrics.MetricQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/metrics?key=K} ({@code *} or no key for all):
 * {@code {"count":N,"metrics":{"k":[{"timestamp":1,"value":2.0}]},"next":"..."}}: {@code count} is
 * every point stored; the keys come in pages ({@link Page}: {@code limit}, {@code cursor}), each
 * key with all its points, and {@code next} is there while more keys remain.
 */
public final class MetricsApi implements ApiRoute {

    record PointView(long timestamp, double value) {
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
        Page.Request request = Page.Request.of(query);
        // the page's keys first, then only their points: a page costs its own size, not the store's
        List<MetricKey> keys = q.key().map(List::of).orElseGet(metrics::keys);
        Page<MetricKey> page = Page.of(keys, MetricKey::value, request);
        Map<String, List<PointView>> shown = new LinkedHashMap<>();
        for (MetricKey k : page.items()) {
            for (MetricSeries series : metrics.series(MetricQuery.key(k))) {
                List<PointView> points = new ArrayList<>(series.size());
                for (int i = 0; i < series.size(); i++) {
                    points.add(new PointView(series.timestamp(i), series.value(i)));
                }
                if (!points.isEmpty()) {
                    shown.put(k.value(), points);
                }
            }
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("count", metrics.count());
        view.put("metrics", shown);
        page.next().ifPresent(next -> view.put("next", next));
        return view;
    }
}
