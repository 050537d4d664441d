package dev.switchboard.application.service.collector;

import dev.switchboard.application.port.in.collector.GenerateSamplesUseCase;
import dev.switchboard.application.port.out.collector.Spool;
import dev.switchboard.application.port.out.collector.SpoolFile;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.Sample;
import dev.switchboard.domain.collector.SamplePeriod;
import dev.switchboard.domain.collector.SpoolPeriod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Service: the device side of the collector. Each sample goes to the file of the period its
 * time falls in; the period's lock is taken when its first sample is written (never before the
 * period starts) and dropped by {@link #sealIfOver()}, which the scheduler runs at the period's
 * end, so a file becomes ready on time even when no sample comes.
 */
public final class SampleGeneratorService implements GenerateSamplesUseCase {

    private final Spool spool;
    private final Rotation rotation;
    private final SamplePeriod samplePeriod;
    private final Clock clock;
    private final RandomGenerator random;
    private SpoolFile open;
    /** Written under the lock, read without it: a status read does not wait for a sample's write. */
    private volatile long samples;

    public SampleGeneratorService(Spool spool, Rotation rotation, SamplePeriod samplePeriod, Clock clock,
                                  RandomGenerator random) {
        this.spool = Objects.requireNonNull(spool, "'spool' must not be null");
        this.rotation = Objects.requireNonNull(rotation, "'rotation' must not be null");
        this.samplePeriod = Objects.requireNonNull(samplePeriod, "'samplePeriod' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.random = Objects.requireNonNull(random, "'random' must not be null");
    }

    @Override
    public synchronized List<Long> recoverStaleLocks() {
        long current = rotation.periodAt(clock.instant()).number();
        List<Long> stale = spool.list().staleLocksAt(current);
        for (long period : stale) {
            if (open == null || open.period().number() != period) {
                spool.removeLock(period);
            }
        }
        return stale;
    }

    @Override
    public synchronized Duration writeSample() {
        Instant now = clock.instant();
        SpoolPeriod period = rotation.periodAt(now);
        if (open != null && open.period().number() != period.number()) {
            // the scheduler was late to seal it: do it now, before the new period's lock exists
            sealOpen();
        }
        if (open == null) {
            open = spool.open(period);
        }
        open.append(Sample.at(now, random.nextInt(10)).recordBytes());
        samples++;
        return samplePeriod.nextGap(random);
    }

    @Override
    public synchronized Optional<Instant> sealIfOver() {
        if (open == null) {
            return Optional.empty();
        }
        if (open.period().isOverAt(clock.instant())) {
            sealOpen();
            return Optional.empty();
        }
        return Optional.of(open.period().end());
    }

    /** The end of the period being written, if one is open. */
    @Override
    public synchronized Optional<Instant> openPeriodEnd() {
        return open == null ? Optional.empty() : Optional.of(open.period().end());
    }

    @Override
    public synchronized void suspend() {
        if (open == null) {
            return;
        }
        if (open.period().isOverAt(clock.instant())) {
            sealOpen();
        } else {
            SpoolFile file = open;
            open = null;
            file.close();
        }
    }

    private void sealOpen() {
        SpoolFile file = open;
        open = null;
        file.seal();
    }

    @Override
    public long samplesWritten() {
        return samples;
    }
}
