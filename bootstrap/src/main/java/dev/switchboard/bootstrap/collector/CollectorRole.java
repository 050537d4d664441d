package dev.switchboard.bootstrap.collector;

import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.UsageException;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.SamplePeriod;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code collector}: the device's generator and the distributor that ships its files to a sink. */
public final class CollectorRole implements Role {

    @Override
    public String name() {
        return "collector";
    }

    @Override
    public String summary() {
        return "write samples into per-period spool files and ship finished files to a sink";
    }

    @Override
    public Options options() {
        Options options = new Options()
                .addOption(Cli.opt("tmp-persist-dir", "PATH", "the spool directory (required; created if missing)"))
                .addOption(Cli.opt("host", "ADDR", "sink address [127.0.0.1]"))
                .addOption(Cli.opt("port", "N", "sink port [1080]"))
                .addOption(Cli.opt("dist-interval", "S", "seconds between two distributor runs [60]"))
                .addOption(Cli.opt("log-dir", "PATH", "also log to PATH/collector.log, rolled daily, 7 days kept"))
                .addOption(Cli.opt("sample-period", "MS", "mean milliseconds between samples, ±50 % [1000]"))
                .addOption(Cli.opt("rotate", "S", "seconds per spool file [60]"))
                .addOption(Cli.opt("timeout", "S", "seconds an upload may take before it counts as failed [10]"))
                .addOption(Cli.opt("uploads", "N", "uploads in flight at once, each file deleted after its own 2xx ["
                        + CollectorSettings.DEFAULT_UPLOADS + "]"));
        return ServerOptions.addTo(options, 0);
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException, Exception {
        if (!line.hasOption("tmp-persist-dir")) {
            throw new UsageException("--tmp-persist-dir is required");
        }
        Path spool = Cli.path(line, "tmp-persist-dir", ".");
        String host = Cli.host(line, "host", "127.0.0.1");
        int port = Cli.integer(line, "port", 1080, 1, 65535);
        Duration interval = Cli.seconds(line, "dist-interval", Duration.ofSeconds(60));
        int samplePeriod = Cli.integer(line, "sample-period", 1000, 1, 86_400_000);
        int rotate = Cli.integer(line, "rotate", 60, 1, 31_622_400);
        Duration timeout = Cli.seconds(line, "timeout", Duration.ofSeconds(10));
        int uploads = Cli.integer(line, "uploads", CollectorSettings.DEFAULT_UPLOADS, 1, 64);
        ServerOptions common = ServerOptions.from(line, 0);
        if (line.hasOption("log-dir")) {
            Path logDir = Cli.path(line, "log-dir", ".");
            try {
                CollectorLogging.toDirectory(logDir);
            } catch (IOException | RuntimeException e) {
                console.err().println("switchboard collector: cannot log to " + logDir + ": " + e.getMessage());
                return 1;
            }
        }
        CollectorSettings settings = new CollectorSettings(spool, host, port, interval,
                SamplePeriod.ofMillis(samplePeriod), Rotation.ofSeconds(rotate),
                min(timeout, Duration.ofSeconds(5)), timeout, uploads);
        return ServerRuntime.run(common, console, runtime -> CollectorAssembly.installCollector(runtime, settings));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
