package dev.switchboard.bootstrap.collector;

import dev.switchboard.adapter.in.web.collector.SinkConfig;
import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.UsageException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code collector-sink}: takes batches over HTTP, prints them, keeps one receipt per batch id. */
public final class CollectorSinkRole implements Role {

    @Override
    public String name() {
        return "collector-sink";
    }

    @Override
    public String summary() {
        return "the HTTP sink the collector ships to (prints each payload, keeps receipts)";
    }

    @Override
    public Options options() {
        Options options = new Options()
                .addOption(Cli.opt("host", "ADDR", "address to bind [127.0.0.1]"))
                .addOption(Cli.opt("port", "N", "port to bind, 0 = any free port [1080]"))
                .addOption(Cli.opt("max-body", "BYTES", "largest batch taken; more answers 413 [16777216]"));
        return ServerOptions.addTo(options, 0);
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException, Exception {
        String host = Cli.host(line, "host", "127.0.0.1");
        int port = Cli.port(line, "port", 1080);
        int maxBody = Cli.integer(line, "max-body", (int) SinkConfig.DEFAULT_MAX_BODY, 1, Integer.MAX_VALUE - 8);
        ServerOptions common = ServerOptions.from(line, 0);
        SinkConfig config = SinkConfig.of(host, port).withMaxBodyBytes(maxBody);
        return ServerRuntime.run(common, console, runtime -> CollectorAssembly.installSink(runtime, config, console.out()));
    }
}
