package dev.switchboard.adapter.in.schedule.tokens;

import dev.switchboard.adapter.in.schedule.common.Scheduled;
import dev.switchboard.adapter.in.schedule.common.Timers;
import dev.switchboard.application.port.in.tokens.ReportTokenTablesUseCase;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timer of the periodic table: asks for a report every period, and once more on stop so the
 * last changes are printed too. Whether anything is printed is the use case's decision.
 */
public final class PeriodicReport implements Scheduled {

    private static final Logger log = LoggerFactory.getLogger(PeriodicReport.class);

    private final ReportTokenTablesUseCase reports;
    private final Duration period;
    private final ScheduledExecutorService timer = Timers.oneThread("tokens-report");

    public PeriodicReport(ReportTokenTablesUseCase reports, Duration period) {
        this.reports = Objects.requireNonNull(reports, "'reports' must not be null");
        this.period = Objects.requireNonNull(period, "'period' must not be null");
    }

    @Override
    public List<String> start() {
        long nanos = period.toNanos();
        timer.scheduleAtFixedRate(this::report, nanos, nanos, TimeUnit.NANOSECONDS);
        return List.of();
    }

    private void report() {
        try {
            reports.reportIfChanged();
        } catch (RuntimeException e) {
            // a failed print must not stop the timer
            log.warn("tokens: printing the tables failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report();
    }
}
