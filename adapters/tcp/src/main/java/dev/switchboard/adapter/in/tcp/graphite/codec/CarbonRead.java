package dev.switchboard.adapter.in.tcp.graphite.codec;

import dev.switchboard.domain.metrics.MetricBatch;

/** What one network read of a carbon connection brought: the valid points, and how many lines were dropped. */
public record CarbonRead(MetricBatch points, int invalid) {
}
