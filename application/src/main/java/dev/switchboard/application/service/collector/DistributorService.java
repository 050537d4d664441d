package dev.switchboard.application.service.collector;

import dev.switchboard.application.port.in.collector.DistributeSpoolUseCase;
import dev.switchboard.application.port.in.collector.DistributionReport;
import dev.switchboard.application.port.in.collector.DistributionStats;
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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Service: the distributor. A run ships the ready files oldest first, one upload per file under
 * the file's name as batch id, up to {@code inFlight} uploads at once, and deletes each file only
 * after the sink took that file (a 2xx for it). The first failed upload ends the run: no more
 * uploads start (the sink is down or sick: the rest would fail the same way, each after a
 * timeout), those in flight finish, and everything not shipped stays for the next run. So a hung
 * sink costs one timeout per run, whatever the backlog. A file the sink refuses for good (413) is
 * moved aside and the run goes on.
 *
 * <p>Only one run goes at a time, but the counters the status reads are guarded apart from the
 * run: a status never waits for an upload.
 */
public final class DistributorService implements DistributeSpoolUseCase {

    private final Spool spool;
    private final BatchUploadPort uploader;
    private final Clock clock;
    private final Executor uploads;
    private final int inFlight;
    /** One run at a time; the counters have their own lock, so a status read never waits out a run's uploads. */
    private final Object runLock = new Object();
    private final Object countersLock = new Object();
    private long sent;
    private long bytesSent;
    private long failures;
    private long rejected;
    private long runs;
    private String lastError;
    private Instant lastRunAt;

    /** One upload at a time, on the calling thread. */
    public DistributorService(Spool spool, BatchUploadPort uploader, Clock clock) {
        this(spool, uploader, clock, Runnable::run, 1);
    }

    /** Up to {@code inFlight} uploads at once, each run on {@code uploads}. */
    public DistributorService(Spool spool, BatchUploadPort uploader, Clock clock, Executor uploads, int inFlight) {
        this.spool = Objects.requireNonNull(spool, "'spool' must not be null");
        this.uploader = Objects.requireNonNull(uploader, "'uploader' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.uploads = Objects.requireNonNull(uploads, "'uploads' must not be null");
        if (inFlight < 1) {
            throw new IllegalArgumentException("at least one upload must be allowed in flight");
        }
        this.inFlight = inFlight;
    }

    @Override
    public DistributionReport distributeOnce(Consumer<DistributionReport.Shipped> eachShipped) {
        Objects.requireNonNull(eachShipped, "'eachShipped' must not be null");
        synchronized (runLock) {
            return run(eachShipped);
        }
    }

    private DistributionReport run(Consumer<DistributionReport.Shipped> eachShipped) {
        List<Long> ready = spool.list().ready();
        Run run = new Run(eachShipped);
        Semaphore slots = new Semaphore(inFlight);
        boolean interrupted = false;
        for (int i = 0; i < ready.size(); i++) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                interrupted = true;
                run.stop("stopping: " + (ready.size() - i) + " file(s) not sent", ready.size() - i);
                break;
            }
            if (run.stopped()) {
                slots.release();
                run.notStarted(ready.size() - i);
                break;
            }
            SpoolName name = SpoolName.data(ready.get(i));
            Optional<byte[]> body;
            try {
                body = spool.read(name.period());
            } catch (SpoolException e) {
                // this file cannot be read (the sink is not to blame): keep it, go on with the others
                slots.release();
                run.unreadable(e.getMessage());
                continue;
            }
            if (body.isEmpty()) {
                slots.release();
                continue;
            }
            byte[] bytes = body.get();
            try {
                uploads.execute(() -> {
                    try {
                        ship(run, name, bytes);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                slots.release();
                run.stop("stopping: " + (ready.size() - i) + " file(s) not sent", ready.size() - i);
                break;
            }
        }
        if (!interrupted) {
            try {
                // every upload of this run has ended once all slots are back
                slots.acquire(inFlight);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        DistributionReport report = run.report();
        synchronized (countersLock) {
            runs++;
            lastRunAt = clock.instant();
            lastError = report.failure().orElse(null);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return report;
    }

    /** One upload and what follows from its answer; runs on the upload executor. */
    private void ship(Run run, SpoolName name, byte[] body) {
        UploadResult result;
        try {
            result = uploader.upload(BatchId.of(name.fileName()), body);
        } catch (RuntimeException e) {
            result = UploadResult.failed("upload failed: " + e);
        }
        if (result.delivered()) {
            try {
                spool.delete(name.period());
            } catch (SpoolException e) {
                // shipped but still there: it goes again next run, and the sink acknowledges the duplicate
                run.note(e.getMessage());
            }
            run.shipped(name.fileName(), body.length);
        } else if (result.rejected()) {
            try {
                spool.reject(name.period());
                run.rejected(name.fileName(), body.length, result.detail());
            } catch (SpoolException e) {
                run.unreadable(name.fileName() + ": " + result.detail() + ", and " + e.getMessage());
            }
        } else {
            run.failed(name.fileName() + ": " + result.detail());
        }
    }

    /** What a run has done so far; told from the upload threads, hence synchronized. */
    private final class Run {
        private final List<DistributionReport.Shipped> shipped = new ArrayList<>();
        private final List<DistributionReport.Rejected> refused = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private final Consumer<DistributionReport.Shipped> eachShipped;
        private int left;
        private boolean stopped;

        Run(Consumer<DistributionReport.Shipped> eachShipped) {
            this.eachShipped = eachShipped;
        }

        synchronized boolean stopped() {
            return stopped;
        }

        void shipped(String file, long bytes) {
            DistributionReport.Shipped one = new DistributionReport.Shipped(file, bytes);
            synchronized (this) {
                shipped.add(one);
                synchronized (countersLock) {
                    sent++;
                    bytesSent += bytes;
                }
            }
            // outside the lock: a slow listener holds up only its own upload thread
            try {
                eachShipped.accept(one);
            } catch (RuntimeException e) {
                note("reporting " + file + " failed: " + e);
            }
        }

        synchronized void rejected(String file, long bytes, String reason) {
            refused.add(new DistributionReport.Rejected(file, bytes, reason));
            errors.add(file + ": " + reason + " (moved to " + SpoolName.REJECTED_FOLDER + "/)");
            synchronized (countersLock) {
                rejected++;
            }
        }

        /** A file that stays and is tried again next run, without stopping this one. */
        synchronized void unreadable(String message) {
            errors.add(message);
            left++;
            synchronized (countersLock) {
                failures++;
            }
        }

        /** A failed upload: the file stays, and no more uploads start in this run. */
        synchronized void failed(String message) {
            errors.add(message);
            left++;
            stopped = true;
            synchronized (countersLock) {
                failures++;
            }
        }

        synchronized void note(String message) {
            errors.add(message);
        }

        synchronized void notStarted(int files) {
            left += files;
        }

        synchronized void stop(String message, int files) {
            errors.add(message);
            left += files;
            stopped = true;
        }

        synchronized DistributionReport report() {
            return new DistributionReport(shipped, refused, left,
                    errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors)));
        }
    }

    @Override
    public DistributionStats stats() {
        synchronized (countersLock) {
            return new DistributionStats(sent, bytesSent, failures, rejected, runs, lastError, lastRunAt,
                    uploader.target());
        }
    }
}
