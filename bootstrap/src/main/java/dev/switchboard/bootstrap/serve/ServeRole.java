package dev.switchboard.bootstrap.serve;

import dev.switchboard.adapter.out.http.collector.HttpBatchUploader;
import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.UsageException;
import dev.switchboard.bootstrap.collector.CollectorOptions;
import dev.switchboard.bootstrap.lottery.LotteryConfig;
import dev.switchboard.bootstrap.metrics.MetricsOptions;
import dev.switchboard.bootstrap.tokens.TokenOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code serve}: every service and the admin console in one JVM. A port of 0 turns that service off. */
public final class ServeRole implements Role {

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "every service and the admin console in one process";
    }

    @Override
    public Options options() {
        Options options = new Options()
                .addOption(Cli.opt("addr", "ADDR", "address every service binds [127.0.0.1]"))
                .addOption(Cli.opt("metrics-port", "N", "metrics port, 0 = off [8888]"))
                .addOption(Cli.opt("tokens-port", "N", "tokens port, 0 = off [9000]"))
                .addOption(Cli.opt("lottery-port", "N", "lottery text dialect port, 0 = off [12345]"))
                .addOption(Cli.opt("lottery-binary-port", "N", "lottery binary dialect port, 0 = off [12346]"))
                .addOption(Cli.opt("agencies", "N", "lottery agencies that must be done before the draw [5]"))
                .addOption(Cli.opt("sink-port", "N", "collector sink port, 0 = off [1080]"))
                .addOption(Cli.opt("collector", "on|off",
                        "the collector: samples into --spool-dir, shipped to this process's sink [on]"))
                .addOption(Cli.opt("spool-dir", "PATH", "collector: the spool directory, created if missing ["
                        + ServeSettings.DEFAULT_SPOOL_DIR + "]"))
                .addOption(Cli.opt("collector-target", "HOST:PORT",
                        "collector: ship to this sink instead of this process's own"));
        CollectorOptions.addTo(options, "collector: ");
        TokenOptions.addTo(options, false);
        MetricsOptions.addTo(options, MetricsOptions.DEFAULT_GRAPHITE_PORT);
        return ServerOptions.addTo(options, 8080);
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException, Exception {
        String addr = Cli.host(line, "addr", "127.0.0.1");
        ServeSettings settings = new ServeSettings(addr,
                onUnlessZero(Cli.port(line, "tokens-port", 9000)),
                onUnlessZero(Cli.port(line, "metrics-port", 8888)),
                onUnlessZero(Cli.port(line, "lottery-port", LotteryConfig.DEFAULT_PORT)),
                onUnlessZero(Cli.port(line, "lottery-binary-port", LotteryConfig.DEFAULT_BINARY_PORT)),
                Cli.integer(line, "agencies", LotteryConfig.DEFAULT_AGENCIES, 1, 10_000),
                onUnlessZero(Cli.port(line, "sink-port", 1080)),
                TokenOptions.from(line),
                MetricsOptions.from(line, MetricsOptions.DEFAULT_GRAPHITE_PORT),
                collector(line));
        ServerOptions common = ServerOptions.from(line, 8080);
        return ServerRuntime.run(common, console, runtime -> ServeAssembly.install(runtime, settings, console.out()));
    }

    /** {@code --collector on} (the default): the spool, the target if one is named, the timing. */
    private static Optional<ServeSettings.Collector> collector(CommandLine line) throws UsageException {
        String mode = Cli.string(line, "collector", "on").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "off":
                return Optional.empty();
            case "on":
                break;
            default:
                throw new UsageException("--collector takes on or off, not '" + mode + "'");
        }
        Path spool = Cli.path(line, "spool-dir", ServeSettings.DEFAULT_SPOOL_DIR);
        Optional<URI> target = Optional.empty();
        if (line.hasOption("collector-target")) {
            InetSocketAddress address = Cli.hostPort("collector-target", line.getOptionValue("collector-target").trim());
            target = Optional.of(HttpBatchUploader.sinkUri(address.getHostString(), address.getPort()));
        }
        return Optional.of(new ServeSettings.Collector(spool, target, CollectorOptions.from(line)));
    }

    /** On the command line a port of 0 turns the service off. */
    private static int onUnlessZero(int port) {
        return port == 0 ? ServeSettings.OFF : port;
    }
}
