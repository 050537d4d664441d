package dev.switchboard.application.service.metrics;

import dev.switchboard.application.port.in.metrics.FindMetricsUseCase;
import dev.switchboard.application.port.in.metrics.RenderMetricsUseCase;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricGlob;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricNode;
import dev.switchboard.domain.metrics.MetricSeries;
import dev.switchboard.domain.metrics.graphite.GraphiteTime;
import dev.switchboard.domain.metrics.render.RenderFunction;
import dev.switchboard.domain.metrics.render.Renderer;
import dev.switchboard.domain.metrics.render.Series;
import dev.switchboard.domain.metrics.retention.Aggregation;
import dev.switchboard.domain.metrics.retention.Retention;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Service: the Graphite views of the metrics store. A render reads each matching key's points in
 * the range and puts them into slots: of the retention's precision for that age when a
 * retention is set, else of the feed's own interval (the median gap between its points);
 * several points in one slot are merged by the aggregation ({@code average} without a
 * retention). Times are read against the injected clock.
 */
public final class GraphiteService implements RenderMetricsUseCase, FindMetricsUseCase {

    /** No series is cut into more slots than this, whatever the range asked. */
    static final int MAX_SLOTS = 100_000;

    private final MetricStore store;
    private final Optional<Retention> retention;
    private final Aggregation aggregation;
    private final Clock clock;
    private final Renderer renderer;

    public GraphiteService(MetricStore store, Optional<Retention> retention, Clock clock) {
        this(store, retention, retention.map(Retention::aggregation).orElse(Aggregation.AVERAGE), clock);
    }

    /** {@code aggregation} merges several points of one slot (the retention's own when there is one). */
    public GraphiteService(MetricStore store, Optional<Retention> retention, Aggregation aggregation, Clock clock) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.retention = Objects.requireNonNull(retention, "'retention' must not be null");
        this.aggregation = Objects.requireNonNull(aggregation, "'aggregation' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.renderer = new Renderer(this::fetch);
    }

    @Override
    public List<Series> render(RenderRequest request) {
        long now = clock.instant().getEpochSecond();
        long from = GraphiteTime.parse(request.from(), now);
        long until = GraphiteTime.parse(request.until(), now);
        return renderer.render(request.targets(), from, until, request.maxDataPoints());
    }

    @Override
    public List<RenderFunction> functions() {
        return Renderer.functions();
    }

    private List<Series> fetch(String pattern, long from, long until) {
        MetricGlob glob = MetricGlob.of(pattern);
        long now = clock.instant().getEpochSecond();
        List<Series> out = new ArrayList<>();
        for (MetricKey key : KeyListing.matching(store.keys(), glob)) {
            MetricSeries points = store.range(key, from, until);
            int n = points.size();
            long[] ts = new long[n];
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                ts[i] = points.timestamp(i);
                values[i] = points.value(i);
            }
            long step = retention.isPresent()
                    ? Math.max(retention.get().precisionFor(from, now), (until - from + MAX_SLOTS) / MAX_SLOTS)
                    : Series.inferStep(ts, n, from, until, MAX_SLOTS);
            Series s = Series.ofPoints(key.value(), ts, values, n, from, until, step, aggregation);
            out.add(s.withPath(pattern));
        }
        return out;
    }

    @Override
    public List<MetricNode> find(String pattern) {
        MetricGlob glob = MetricGlob.of(pattern);
        int depth = glob.nodeCount();
        // path -> {branch, leaf}
        TreeMap<String, boolean[]> nodes = new TreeMap<>();
        for (MetricKey key : store.keys()) {
            String k = key.value();
            int node = 0;
            int start = 0;
            boolean matched = true;
            int end = -1;
            for (int i = 0; i <= k.length() && node < depth; i++) {
                if (i == k.length() || k.charAt(i) == '.') {
                    if (!glob.matchesNode(node, k.substring(start, i))) {
                        matched = false;
                        break;
                    }
                    node++;
                    start = i + 1;
                    end = i;
                }
            }
            if (!matched || node < depth) {
                continue;
            }
            boolean leaf = end == k.length();
            boolean[] kinds = nodes.computeIfAbsent(k.substring(0, end), p -> new boolean[2]);
            kinds[leaf ? 1 : 0] = true;
        }
        List<MetricNode> out = new ArrayList<>();
        nodes.forEach((path, kinds) -> {
            String text = path.substring(path.lastIndexOf('.') + 1);
            if (kinds[0]) {
                out.add(new MetricNode(path, text, false));
            }
            if (kinds[1]) {
                out.add(new MetricNode(path, text, true));
            }
        });
        return out;
    }
}
