package dev.switchboard.application.port.in.collector;

import java.time.Instant;

/**
 * The collector now: files ready to ship ({@code pending}), locks held ({@code locked}), files
 * shipped and failed uploads since start, the last run's failure (null when it had none).
 */
public record CollectorStatus(
        long pending,
        long locked,
        long sent,
        long failures,
        String lastError,
        long bytesSent,
        long samples,
        long runs,
        Instant lastRunAt,
        String spool,
        String target) {
}
