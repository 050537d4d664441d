package dev.switchboard.adapter.in.schedule.metrics;

import dev.switchboard.adapter.in.schedule.common.Scheduled;
import dev.switchboard.adapter.in.schedule.common.Timers;
import dev.switchboard.application.port.in.metrics.ApplyRetentionUseCase;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the metrics retention every finest-precision period (1 s to 1 min) on its own daemon thread. */
public final class RetentionTimer implements Scheduled {

    private static final Logger log = LoggerFactory.getLogger(RetentionTimer.class);

    private final ApplyRetentionUseCase retention;
    private final ScheduledExecutorService timer = Timers.oneThread("metrics-retention");

    public RetentionTimer(ApplyRetentionUseCase retention) {
        this.retention = Objects.requireNonNull(retention, "'retention' must not be null");
    }

    @Override
    public List<String> start() {
        long period = retention.periodSeconds();
        timer.scheduleWithFixedDelay(this::runOnce, period, period, TimeUnit.SECONDS);
        return List.of();
    }

    private void runOnce() {
        try {
            long removed = retention.applyRetention();
            if (removed > 0) {
                log.debug("metrics: retention rolled up or dropped {} points", removed);
            }
        } catch (RuntimeException e) {
            // the next run tries again; the store is left as it was by the failed transaction
            log.warn("metrics: retention run failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
