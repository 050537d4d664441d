package dev.switchboard.bootstrap.metrics;

import dev.switchboard.application.port.in.metrics.ApplyRetentionUseCase;
import dev.switchboard.bootstrap.Component;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the metrics retention every finest-precision period (1 s to 1 min) on its own daemon thread. */
final class RetentionComponent implements Component {

    private static final Logger log = LoggerFactory.getLogger(RetentionComponent.class);

    private final ApplyRetentionUseCase retention;
    private ScheduledExecutorService timer;

    RetentionComponent(ApplyRetentionUseCase retention) {
        this.retention = retention;
    }

    @Override
    public List<String> start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-retention");
            t.setDaemon(true);
            return t;
        });
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
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
