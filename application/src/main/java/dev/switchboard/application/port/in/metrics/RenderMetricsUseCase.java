package dev.switchboard.application.port.in.metrics;

import dev.switchboard.domain.metrics.render.RenderFunction;
import dev.switchboard.domain.metrics.render.Series;
import java.util.List;
import java.util.Objects;

/** Use case: evaluate Graphite render targets over the stored points. */
public interface RenderMetricsUseCase {

    /**
     * What a render asks: targets, {@code from}/{@code until} in any of Graphite's forms
     * ({@code -1h}, {@code now}, epoch seconds, ...), and at most how many points a series may
     * have (0 = no limit).
     */
    record RenderRequest(List<String> targets, String from, String until, int maxDataPoints) {

        public RenderRequest {
            targets = List.copyOf(Objects.requireNonNull(targets, "'targets' must not be null"));
            Objects.requireNonNull(from, "'from' must not be null");
            Objects.requireNonNull(until, "'until' must not be null");
        }
    }

    /**
     * Every target's series, in target order.
     *
     * @throws IllegalArgumentException naming what is wrong in a target or a time
     */
    List<Series> render(RenderRequest request);

    /** The functions a target may use. */
    List<RenderFunction> functions();
}
