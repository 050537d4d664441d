package dev.switchboard.bootstrap.collector;

import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.UsageException;
import java.io.IOException;
import java.nio.file.Path;
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
                .addOption(Cli.opt("log-dir", "PATH", "also log to PATH/collector.log, rolled daily, 7 days kept"));
        CollectorOptions.addTo(options, "");
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
        CollectorOptions collector = CollectorOptions.from(line);
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
        CollectorSettings settings = collector.settings(spool, host, port);
        return ServerRuntime.run(common, console, runtime -> CollectorAssembly.installCollector(runtime, settings));
    }
}
