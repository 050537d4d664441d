package dev.switchboard.bootstrap.collector;

import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.UsageException;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.SamplePeriod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * The collector's timing and upload options, declared once and shared by {@code collector} and
 * {@code serve}, so both take the same names, defaults and checks (and so the same keys in a
 * {@code --config} file or {@code SWITCHBOARD_*} variables).
 *
 * @param distInterval time between two distributor runs
 * @param samplePeriod mean gap between two samples (each drawn ±50 %)
 * @param rotation     how long one spool file is written
 * @param timeout      how long one upload may take before it counts as failed
 * @param uploads      uploads in flight at once
 */
public record CollectorOptions(Duration distInterval, SamplePeriod samplePeriod, Rotation rotation, Duration timeout,
                               int uploads) {

    public static final Duration DEFAULT_DIST_INTERVAL = Duration.ofSeconds(60);
    public static final int DEFAULT_SAMPLE_PERIOD_MS = 1000;
    public static final int DEFAULT_ROTATE_SECONDS = 60;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** A connection attempt waits at most this long (or the whole timeout, if that is shorter). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public CollectorOptions {
        Objects.requireNonNull(distInterval, "'distInterval' must not be null");
        Objects.requireNonNull(samplePeriod, "'samplePeriod' must not be null");
        Objects.requireNonNull(rotation, "'rotation' must not be null");
        Objects.requireNonNull(timeout, "'timeout' must not be null");
    }

    /**
     * @param prefix put before each help text ({@code "collector: "} in {@code serve}, where the
     *               options sit among every other service's)
     */
    public static Options addTo(Options options, String prefix) {
        return options
                .addOption(Cli.opt("dist-interval", "S", prefix + "seconds between two distributor runs ["
                        + DEFAULT_DIST_INTERVAL.toSeconds() + "]"))
                .addOption(Cli.opt("sample-period", "MS", prefix + "mean milliseconds between samples, ±50 % ["
                        + DEFAULT_SAMPLE_PERIOD_MS + "]"))
                .addOption(Cli.opt("rotate", "S", prefix + "seconds per spool file [" + DEFAULT_ROTATE_SECONDS + "]"))
                .addOption(Cli.opt("timeout", "S", prefix + "seconds an upload may take before it counts as failed ["
                        + DEFAULT_TIMEOUT.toSeconds() + "]"))
                .addOption(Cli.opt("uploads", "N", prefix + "uploads in flight at once, each file deleted after its own 2xx ["
                        + CollectorSettings.DEFAULT_UPLOADS + "]"));
    }

    public static CollectorOptions from(CommandLine line) throws UsageException {
        Duration interval = Cli.seconds(line, "dist-interval", DEFAULT_DIST_INTERVAL);
        int samplePeriod = Cli.integer(line, "sample-period", DEFAULT_SAMPLE_PERIOD_MS, 1, 86_400_000);
        int rotate = Cli.integer(line, "rotate", DEFAULT_ROTATE_SECONDS, 1, 31_622_400);
        Duration timeout = Cli.seconds(line, "timeout", DEFAULT_TIMEOUT);
        int uploads = Cli.integer(line, "uploads", CollectorSettings.DEFAULT_UPLOADS, 1, 64);
        return new CollectorOptions(interval, SamplePeriod.ofMillis(samplePeriod), Rotation.ofSeconds(rotate), timeout,
                uploads);
    }

    /** The collector's whole configuration: these options, its spool, and the sink it ships to. */
    public CollectorSettings settings(Path spoolDir, String sinkHost, int sinkPort) {
        Duration connect = timeout.compareTo(CONNECT_TIMEOUT) <= 0 ? timeout : CONNECT_TIMEOUT;
        return new CollectorSettings(spoolDir, sinkHost, sinkPort, distInterval, samplePeriod, rotation, connect,
                timeout, uploads);
    }
}
