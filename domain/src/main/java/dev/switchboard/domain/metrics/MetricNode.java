package dev.switchboard.domain.metrics;

import java.util.Objects;

/**
 * Value object: one node of the key tree, as Graphite's finder lists it: the path up to it
 * ({@code servers.web1}), its last part ({@code web1}) and whether it is a key (a leaf) or has
 * keys below it (a branch). A path that is both is listed twice, once as each.
 */
public record MetricNode(String path, String text, boolean leaf) {

    public MetricNode {
        Objects.requireNonNull(path, "'path' must not be null");
        Objects.requireNonNull(text, "'text' must not be null");
    }
}
