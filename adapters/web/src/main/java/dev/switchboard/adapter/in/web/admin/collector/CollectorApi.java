package dev.switchboard.adapter.in.web.admin.collector;

import dev.switchboard.adapter.in.web.admin.ApiRoute;
import dev.switchboard.application.port.in.collector.CollectorStatus;
import dev.switchboard.application.port.in.collector.GetCollectorStatusUseCase;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/collector}: {@code {"pending":0,"locked":1,"sent":12,"failures":0,"lastError":null,"rejected":0,...}}
 * with the bytes sent, samples written, runs, the last run's time, the spool and the sink.
 */
public final class CollectorApi implements ApiRoute {

    record CollectorView(long pending, long locked, long sent, long failures, String lastError, long rejected,
                         long bytesSent,
                         long samples, long runs, String lastRunAt, String spool, String target) {
    }

    private final GetCollectorStatusUseCase status;

    public CollectorApi(GetCollectorStatusUseCase status) {
        this.status = Objects.requireNonNull(status, "'status' must not be null");
    }

    @Override
    public Object get(Map<String, String> query) {
        CollectorStatus s = status.status();
        return new CollectorView(s.pending(), s.locked(), s.sent(), s.failures(), s.lastError(), s.rejected(),
                s.bytesSent(),
                s.samples(), s.runs(), s.lastRunAt() == null ? null : s.lastRunAt().truncatedTo(ChronoUnit.MILLIS).toString(), s.spool(), s.target());
    }
}
