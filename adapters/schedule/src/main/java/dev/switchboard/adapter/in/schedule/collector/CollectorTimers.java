package dev.switchboard.adapter.in.schedule.collector;

import dev.switchboard.adapter.in.schedule.common.Scheduled;
import dev.switchboard.adapter.in.schedule.common.Timers;
import dev.switchboard.application.port.in.collector.DistributeSpoolUseCase;
import dev.switchboard.application.port.in.collector.DistributionReport;
import dev.switchboard.application.port.in.collector.GenerateSamplesUseCase;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.SamplePeriod;
import dev.switchboard.domain.collector.SpoolName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's two clocks. The generator thread writes a sample after each random gap and
 * seals the open period at its end (a timer set for that instant, not the next sample); the
 * distributor thread runs at start and then every interval after the previous run ended. Each
 * has its own thread, so a slow sink never delays a seal.
 */
public final class CollectorTimers implements Scheduled {

    /** How often to ship and to sample, how long a period is, and how many uploads go at once (for the log). */
    public record Schedule(Duration distInterval, SamplePeriod samplePeriod, Rotation rotation, int uploads) {
        public Schedule {
            Objects.requireNonNull(distInterval, "'distInterval' must not be null");
            Objects.requireNonNull(samplePeriod, "'samplePeriod' must not be null");
            Objects.requireNonNull(rotation, "'rotation' must not be null");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CollectorTimers.class);

    private final GenerateSamplesUseCase generator;
    private final DistributeSpoolUseCase distributor;
    private final Schedule settings;
    private final String spool;
    private final Supplier<String> target;
    private final Clock clock;
    private final AutoCloseable uploader;
    private final ScheduledThreadPoolExecutor generatorTimer = Timers.oneThread("collector-generator");
    private final ScheduledThreadPoolExecutor distributorTimer = Timers.oneThread("collector-distributor");
    /** The period end a seal is scheduled for; touched on the generator thread only. */
    private Instant sealAt;

    /**
     * @param spool    the spool, as the log names it
     * @param target   the sink, as the log names it; asked for at start (the sink may bind its port only then)
     * @param uploader closed last, once no upload can start any more
     */
    public CollectorTimers(GenerateSamplesUseCase generator, DistributeSpoolUseCase distributor,
                           Schedule settings, String spool, Supplier<String> target, Clock clock,
                           AutoCloseable uploader) {
        this.generator = Objects.requireNonNull(generator, "'generator' must not be null");
        this.distributor = Objects.requireNonNull(distributor, "'distributor' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.spool = Objects.requireNonNull(spool, "'spool' must not be null");
        this.target = Objects.requireNonNull(target, "'target' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.uploader = Objects.requireNonNull(uploader, "'uploader' must not be null");
    }

    @Override
    public List<String> start() {
        String target = this.target.get();
        for (long period : generator.recoverStaleLocks()) {
            log.info("removed stale lock {}: its file will be shipped", SpoolName.lock(period));
        }
        log.info("collector started: spool {}, sink {}, distributing every {} s ({} upload(s) at once), "
                        + "a sample every {} ms ±50 %, a file every {} s", spool, target, seconds(settings.distInterval()),
                settings.uploads(), settings.samplePeriod().mean().toMillis(), settings.rotation().seconds());
        generatorTimer.execute(this::sample);
        distributorTimer.scheduleWithFixedDelay(this::distribute, 0, settings.distInterval().toNanos(),
                TimeUnit.NANOSECONDS);
        return List.of("collector spooling to " + spool + ", shipping to " + target + " every "
                + seconds(settings.distInterval()) + " s");
    }

    private void sample() {
        Duration gap = settings.samplePeriod().mean();
        try {
            gap = generator.writeSample();
        } catch (RuntimeException e) {
            log.warn("could not write a sample: {}", e.getMessage());
        }
        scheduleSeal();
        schedule(this::sample, gap);
    }

    private void scheduleSeal() {
        Optional<Instant> end = generator.openPeriodEnd();
        if (end.isPresent() && !end.get().equals(sealAt)) {
            sealAt = end.get();
            schedule(this::seal, Duration.between(clock.instant(), sealAt));
        }
    }

    private void seal() {
        try {
            Optional<Instant> stillOpen = generator.sealIfOver();
            if (stillOpen.isPresent()) {
                // woke before the wall clock reached the end: sleep the rest
                sealAt = stillOpen.get();
                schedule(this::seal, Duration.between(clock.instant(), sealAt));
                return;
            }
            log.debug("period over: its file is ready to ship");
        } catch (RuntimeException e) {
            log.warn("could not close the period's file: {}", e.getMessage());
        }
        sealAt = null;
    }

    private void schedule(Runnable task, Duration delay) {
        if (generatorTimer.isShutdown()) {
            return;
        }
        long nanos = Math.max(0, delay.toNanos());
        try {
            generatorTimer.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void distribute() {
        try {
            // each file is logged as it ships, on its upload thread: logged after the run, a
            // backlog of 1,000 files held the run's summary back by a tenth of a second or more
            DistributionReport report = distributor.distributeOnce(
                    file -> log.info("shipped {} ({} bytes)", file.file(), file.bytes()));
            for (DistributionReport.Rejected file : report.rejected()) {
                // once per file: it is moved aside and never sent again
                log.error("the sink refuses {} ({} bytes) for good: {}; moved to {}/{}/, it will not be sent again",
                        file.file(), file.bytes(), file.reason(), spool, SpoolName.REJECTED_FOLDER);
            }
            if (report.failure().isPresent()) {
                log.warn("distribution: sent {} file(s), {} left for the next run: {}",
                        report.shipped().size(), report.left(), report.failure().get());
            } else {
                log.info("distribution: sent {} file(s) ({} bytes), {} left", report.shipped().size(),
                        report.bytesShipped(), report.left());
            }
        } catch (RuntimeException e) {
            log.warn("distribution failed: {}", e.getMessage());
        }
    }

    private static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    @Override
    public void close() {
        // an upload in flight is interrupted: its file stays and goes with the next start
        distributorTimer.shutdownNow();
        // no interrupt here: it would close the data file's channel in the middle of a write
        generatorTimer.shutdown();
        try {
            generatorTimer.awaitTermination(2, TimeUnit.SECONDS);
            distributorTimer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            generator.suspend();
        } catch (RuntimeException e) {
            log.warn("could not close the spool file: {}", e.getMessage());
        }
        try {
            uploader.close();
        } catch (Exception e) {
            log.debug("uploader close: {}", e.toString());
        }
    }
}
