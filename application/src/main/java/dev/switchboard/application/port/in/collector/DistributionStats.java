package dev.switchboard.application.port.in.collector;

import java.time.Instant;

/**
 * The distributor's running totals since start: files and bytes sent, failed uploads or reads,
 * files the sink refused for good (moved to {@code rejected/}),
 * runs, the last run's error ({@code null} when it had none) and time ({@code null} before the
 * first), and where it ships.
 */
public record DistributionStats(long sent, long bytesSent, long failures, long rejected, long runs, String lastError,
                                Instant lastRunAt, String target) {
}
