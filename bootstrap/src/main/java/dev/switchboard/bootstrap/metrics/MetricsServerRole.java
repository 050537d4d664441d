package dev.switchboard.bootstrap.metrics;

import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.UsageException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code metrics-server}: the metrics service alone. */
public final class MetricsServerRole implements Role {

    @Override
    public String name() {
        return "metrics-server";
    }

    @Override
    public String summary() {
        return "the metrics server (put/get text protocol, optionally carbon plaintext)";
    }

    @Override
    public Options options() {
        Options options = new Options()
                .addOption(Cli.opt("host", "ADDR", "address to bind [127.0.0.1]"))
                .addOption(Cli.opt("port", "N", "port to bind [8888]"));
        MetricsOptions.addTo(options, MetricsOptions.OFF);
        return ServerOptions.addTo(options, 0);
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException, Exception {
        String host = Cli.host(line, "host", "127.0.0.1");
        int port = Cli.port(line, "port", 8888);
        MetricsOptions metrics = MetricsOptions.from(line, MetricsOptions.OFF);
        ServerOptions common = ServerOptions.from(line, 0);
        return ServerRuntime.run(common, console, runtime -> MetricsAssembly.install(runtime, host, port, metrics));
    }
}
