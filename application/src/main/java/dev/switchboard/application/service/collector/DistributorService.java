package dev.switchboard.application.service.collector;

import dev.switchboard.application.port.in.collector.DistributeSpoolUseCase;
import dev.switchboard.application.port.in.collector.DistributionReport;
import dev.switchboard.application.port.out.collector.BatchUploadPort;
import dev.switchboard.application.port.out.collector.Spool;
import dev.switchboard.application.port.out.collector.SpoolException;
import dev.switchboard.application.port.out.collector.UploadResult;
import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.SpoolName;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Service: the distributor. A run ships the ready files oldest first, one upload per file under
 * the file's name as batch id, and deletes a file only after the sink took it. The first failed
 * upload ends the run (the sink is down or sick: the rest would fail the same way, each after a
 * timeout); everything not shipped stays for the next run.
 */
public final class DistributorService implements DistributeSpoolUseCase {

    private final Spool spool;
    private final BatchUploadPort uploader;
    private final Clock clock;
    private long sent;
    private long bytesSent;
    private long failures;
    private long runs;
    private String lastError;
    private Instant lastRunAt;

    public DistributorService(Spool spool, BatchUploadPort uploader, Clock clock) {
        this.spool = Objects.requireNonNull(spool, "'spool' must not be null");
        this.uploader = Objects.requireNonNull(uploader, "'uploader' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    @Override
    public synchronized DistributionReport distributeOnce() {
        List<Long> ready = spool.list().ready();
        List<DistributionReport.Shipped> shipped = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int left = 0;
        for (int i = 0; i < ready.size(); i++) {
            SpoolName name = SpoolName.data(ready.get(i));
            Optional<byte[]> body;
            try {
                body = spool.read(name.period());
            } catch (SpoolException e) {
                // this file cannot be read (the sink is not to blame): keep it, go on with the others
                errors.add(e.getMessage());
                failures++;
                left++;
                continue;
            }
            if (body.isEmpty()) {
                continue;
            }
            UploadResult result = uploader.upload(BatchId.of(name.fileName()), body.get());
            if (!result.delivered()) {
                errors.add(name.fileName() + ": " + result.detail());
                failures++;
                left += ready.size() - i;
                break;
            }
            try {
                spool.delete(name.period());
            } catch (SpoolException e) {
                // shipped but still there: it goes again next run, and the sink acknowledges the duplicate
                errors.add(e.getMessage());
            }
            shipped.add(new DistributionReport.Shipped(name.fileName(), body.get().length));
            sent++;
            bytesSent += body.get().length;
        }
        runs++;
        lastRunAt = clock.instant();
        lastError = errors.isEmpty() ? null : String.join("; ", errors);
        return new DistributionReport(shipped, left, Optional.ofNullable(lastError));
    }

    synchronized Counters counters() {
        return new Counters(sent, bytesSent, failures, runs, lastError, lastRunAt);
    }

    record Counters(long sent, long bytesSent, long failures, long runs, String lastError, Instant lastRunAt) {
    }

    String target() {
        return uploader.target();
    }
}
