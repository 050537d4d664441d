package dev.switchboard.bootstrap.collector;

import dev.switchboard.adapter.in.schedule.collector.CollectorTimers;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.SamplePeriod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The collector's configuration: its spool directory, the sink it ships to, how often it ships,
 * how often it samples and how long a period is, the upload timeouts, and how many uploads may
 * be in flight at once.
 */
public record CollectorSettings(
        Path spoolDir,
        String sinkHost,
        int sinkPort,
        Duration distInterval,
        SamplePeriod samplePeriod,
        Rotation rotation,
        Duration connectTimeout,
        Duration requestTimeout,
        int uploads) {

    /** Uploads in flight when not told otherwise. */
    public static final int DEFAULT_UPLOADS = 4;

    public CollectorSettings(Path spoolDir, String sinkHost, int sinkPort, Duration distInterval,
                             SamplePeriod samplePeriod, Rotation rotation, Duration connectTimeout,
                             Duration requestTimeout) {
        this(spoolDir, sinkHost, sinkPort, distInterval, samplePeriod, rotation, connectTimeout, requestTimeout,
                DEFAULT_UPLOADS);
    }

    public CollectorSettings {
        Objects.requireNonNull(spoolDir, "'spoolDir' must not be null");
        Objects.requireNonNull(sinkHost, "'sinkHost' must not be null");
        Objects.requireNonNull(distInterval, "'distInterval' must not be null");
        Objects.requireNonNull(samplePeriod, "'samplePeriod' must not be null");
        Objects.requireNonNull(rotation, "'rotation' must not be null");
        Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null");
        Objects.requireNonNull(requestTimeout, "'requestTimeout' must not be null");
        if (uploads < 1) {
            throw new IllegalArgumentException("at least one upload must be allowed in flight");
        }
    }

    /** What the collector's timers need of it. */
    public CollectorTimers.Schedule schedule() {
        return new CollectorTimers.Schedule(distInterval, samplePeriod, rotation, uploads);
    }

    public CollectorSettings withUploads(int n) {
        return new CollectorSettings(spoolDir, sinkHost, sinkPort, distInterval, samplePeriod, rotation,
                connectTimeout, requestTimeout, n);
    }
}
