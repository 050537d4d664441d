package dev.switchboard.application.service.metrics;

import dev.switchboard.application.port.in.metrics.ApplyRetentionUseCase;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.retention.Retention;
import java.time.Clock;
import java.util.Objects;

/** Service: rolls the store up by a {@link Retention} as of the injected clock's now. */
public final class RetentionService implements ApplyRetentionUseCase {

    private final MetricStore store;
    private final Retention retention;
    private final Clock clock;

    public RetentionService(MetricStore store, Retention retention, Clock clock) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.retention = Objects.requireNonNull(retention, "'retention' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    @Override
    public long applyRetention() {
        return store.rollUp(retention, clock.instant().getEpochSecond());
    }

    @Override
    public long periodSeconds() {
        return Math.max(1, Math.min(60, retention.archives().get(0).precision()));
    }
}
