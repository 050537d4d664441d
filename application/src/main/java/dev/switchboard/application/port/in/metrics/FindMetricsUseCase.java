package dev.switchboard.application.port.in.metrics;

import dev.switchboard.domain.metrics.MetricNode;
import java.util.List;

/** Use case: browse the key tree with a Graphite pattern, one level at a time. */
public interface FindMetricsUseCase {

    /**
     * The nodes at the pattern's depth that it matches, ordered by path, branches before leaves
     * of the same path ({@code *} lists the first level, {@code servers.*} the one below it).
     *
     * @throws IllegalArgumentException when the pattern is empty
     */
    List<MetricNode> find(String pattern);
}
