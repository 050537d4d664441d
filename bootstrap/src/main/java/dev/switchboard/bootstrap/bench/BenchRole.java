package dev.switchboard.bootstrap.bench;

import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Main;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.UsageException;
import dev.switchboard.bootstrap.metrics.MetricsAssembly;
import dev.switchboard.bootstrap.storage.StorageKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code bench <service>}: the project's own load generator. Against {@code --port} it loads a
 * running server; without one it starts the service in this process on a free loopback port
 * with {@code --storage}, so memory and H2 can be compared with one command each.
 */
public final class BenchRole implements Role, Main.PositionalArguments {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "load generator: bench metrics [--conns --pipeline --ops --secs]";
    }

    @Override
    public String synopsis() {
        return "metrics [options]";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Cli.opt("conns", "N", "connections [4]"))
                .addOption(Cli.opt("pipeline", "N", "requests per write [64]"))
                .addOption(Cli.opt("ops", "N", "requests in all [200000]"))
                .addOption(Cli.opt("secs", "S", "stop after this many seconds [30]"))
                .addOption(Cli.opt("host", "ADDR", "server to load [127.0.0.1]"))
                .addOption(Cli.opt("port", "N", "server port; without it an in-process server is started"))
                .addOption(Cli.opt("storage", "KIND", "in-process server's storage: memory or h2 [memory]"));
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException, Exception {
        List<String> words = line.getArgList();
        if (words.size() != 1) {
            throw new UsageException("name one service to load: metrics");
        }
        String service = words.get(0);
        if (!service.equals("metrics")) {
            throw new UsageException("unknown or unsupported service '" + service + "': metrics");
        }
        int conns = Cli.integer(line, "conns", 4, 1, 1000);
        int pipeline = Cli.integer(line, "pipeline", 64, 1, 4096);
        int ops = Cli.integer(line, "ops", 200_000, 1, 100_000_000);
        double secs = Cli.seconds(line, "secs", java.time.Duration.ofSeconds(30)).toNanos() / 1e9;
        String host = Cli.host(line, "host", "127.0.0.1");
        if (line.hasOption("port")) {
            int port = Cli.port(line, "port", 0);
            LoadResult result = MetricsLoad.run(host, port, host + ":" + port, conns, pipeline, ops, secs);
            console.out().println(result.line());
            return result.errors() == 0 ? 0 : 1;
        }
        StorageKind storage = StorageKind.parse(Cli.string(line, "storage", "memory"));
        Path dir = Files.createTempDirectory("switchboard-bench");
        ServerOptions options = new ServerOptions(storage, dir.resolve("bench"), 0, "127.0.0.1", Optional.empty());
        try (ServerRuntime runtime = new ServerRuntime(options)) {
            TcpComponent metrics = MetricsAssembly.install(runtime, "127.0.0.1", 0);
            runtime.start();
            LoadResult result = MetricsLoad.run("127.0.0.1", metrics.localAddress().getPort(),
                    "in-process/" + storage.name().toLowerCase(java.util.Locale.ROOT), conns, pipeline, ops, secs);
            console.out().println(result.line());
            return result.errors() == 0 ? 0 : 1;
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
