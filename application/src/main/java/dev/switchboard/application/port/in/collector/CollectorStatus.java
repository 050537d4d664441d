package dev.switchboard.application.port.in.collector;

import java.time.Instant;

/**
 * The collector now: files ready to ship ({@code pending}), locks held ({@code locked}), files
 * shipped and failed uploads since start, the last run's failure (null when it had none), and the
 * files the sink refused for good, which lie in the spool's {@code rejected/} folder.
 */
public record CollectorStatus(
        long pending,
        long locked,
        long sent,
        long failures,
        String lastError,
        long rejected,
        long bytesSent,
        long samples,
        long runs,
        Instant lastRunAt,
        String spool,
        String target) {
}
