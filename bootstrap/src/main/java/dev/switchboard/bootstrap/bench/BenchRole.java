package dev.switchboard.bootstrap.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcSettings;
import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Main;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.UsageException;
import dev.switchboard.bootstrap.storage.StorageKind;
import dev.switchboard.bootstrap.tokens.TokenOptions;
import dev.switchboard.domain.tokens.ProcessingDelay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.slf4j.LoggerFactory;

/**
 * {@code bench <service>}: the project's own load generator. Against {@code --port} it loads a
 * running server; without one it starts the service in this process on a free loopback port
 * with {@code --storage}, so memory and H2 can be compared with one command each.
 */
public final class BenchRole implements Role, Main.PositionalArguments {

    private static final String SERVICES = "metrics, graphite, tokens, lottery or collector";

    /** Options that only one service reads, and the service. */
    private static final Map<String, List<String>> OWN_OPTIONS = Map.ofEntries(Map.entry("delay", List.of("tokens")),
            Map.entry("threads", List.of("tokens")), Map.entry("distinct", List.of("tokens")),
            Map.entry("dialect", List.of("lottery")), Map.entry("dataset", List.of("lottery")),
            Map.entry("window", List.of("lottery")), Map.entry("text-agencies", List.of("lottery")),
            Map.entry("binary-port", List.of("lottery")), Map.entry("redis", List.of("metrics")),
            Map.entry("warmup", List.of("metrics", "tokens")), Map.entry("keys", List.of("metrics")));

    /** bench metrics' defaults: the load of a busy metrics server (50 connections, 16 puts in flight each). */
    private static final int METRICS_CONNS = 50;
    private static final int METRICS_PIPELINE = 16;
    private static final int METRICS_OPS = 2_000_000;

    /** Options of the replay of agency files only. */
    private static final List<String> REPLAY_OPTIONS = List.of("window", "text-agencies", "binary-port");

    /** Options that shape the in-process server, meaningless against {@code --port}. */
    private static final List<String> SERVER_OPTIONS = List.of("storage", "delay", "threads", "jdbc-url", "jdbc-user",
            "jdbc-password-file", "jdbc-pool");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "load generator: bench metrics|graphite|tokens|lottery|collector [--conns --pipeline --ops --secs]";
    }

    @Override
    public String synopsis() {
        return "metrics|graphite|tokens|lottery|collector [options]";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Cli.opt("conns", "N",
                        "connections (lottery: agencies 1..N; collector: HTTP senders) [4; metrics " + METRICS_CONNS + "]"))
                .addOption(Cli.opt("pipeline", "N", "requests per round: puts or tokens per write, bets per batch,"
                        + " KiB per HTTP body [64; metrics " + METRICS_PIPELINE + "]"))
                .addOption(Cli.opt("ops", "N",
                        "requests in all: puts, tokens, bets or HTTP posts [200000; metrics " + METRICS_OPS + "]"))
                .addOption(Cli.opt("secs", "S", "no round starts after this many seconds [30]"))
                .addOption(Cli.opt("host", "ADDR", "server to load [127.0.0.1]"))
                .addOption(Cli.opt("port", "N", "server port; without it an in-process server is started"))
                .addOption(Cli.opt("storage", "KIND", "in-process server's storage: memory, h2 or jdbc [memory]"))
                .addOption(Cli.opt("jdbc-url", "URL", "in-process, with --storage jdbc: jdbc:postgresql://HOST:PORT/DB"))
                .addOption(Cli.opt("jdbc-user", "USER", "in-process, with --storage jdbc: the database user"))
                .addOption(Cli.opt("jdbc-password-file", "PATH",
                        "in-process, with --storage jdbc: read the password from PATH (or set "
                                + ServerOptions.PASSWORD_VARIABLE + ")"))
                .addOption(Cli.opt("jdbc-pool", "N", "in-process, with --storage jdbc: most connections held [16]"))
                .addOption(Cli.opt("threads", "N", "tokens, in-process: handlers working at once ["
                        + TokenOptions.DEFAULT_THREADS + "]"))
                .addOption(Cli.opt("delay", "MS", "tokens, in-process: handler time per token in ms, ±10% [0]"))
                .addOption(Cli.opt("dialect", "D", "lottery: text or binary [text]"))
                .addOption(Cli.flag("redis", "metrics: the server at --port is Redis: the same points as RESP SET"))
                .addOption(Cli.opt("warmup", "N", "metrics, tokens: requests sent first and not counted (a warm-up) [0]"))
                .addOption(Cli.opt("keys", "N", "metrics: distinct keys in all, shared by the connections [16 each]"))
                .addOption(Cli.opt("distinct", "N", "tokens: distinct tokens sent [" + TokensLoad.DEFAULT_DISTINCT_TOKENS
                        + "]"))
                .addOption(Cli.opt("dataset", "PATH", "lottery: replay agency-N.csv files (a folder or a zip of them)"
                        + " instead of generated bets; --pipeline is then bets per batch"))
                .addOption(Cli.opt("text-agencies", "N", "lottery --dataset: how many agencies (the first ones) use"
                        + " the text dialect; the others binary [3]"))
                .addOption(Cli.opt("window", "N", "lottery --dataset: batches in flight per agency [1]"))
                .addOption(Cli.opt("binary-port", "N", "lottery --dataset with --port: the binary dialect's port"))
                .addOption(Cli.opt("server-pid", "PID", "with --port: the server's process id, to report its CPU"
                        + " per request (Linux /proc)"))
                .addOption(Cli.opt("runs", "N", "runs one after another, a fresh in-process server each, one line"
                        + " each [1]"));
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException, Exception {
        String service = Cli.oneWord(line, "name one service to load: " + SERVICES);
        for (Map.Entry<String, List<String>> own : OWN_OPTIONS.entrySet()) {
            if (line.hasOption(own.getKey()) && !own.getValue().contains(service)) {
                throw new UsageException("--" + own.getKey() + " applies to bench "
                        + String.join(" and ", own.getValue()) + " only");
            }
        }
        if (line.hasOption("redis") && !line.hasOption("port")) {
            throw new UsageException("--redis loads the Redis server at --port: name its port");
        }
        if (!line.hasOption("dataset")) {
            for (String option : REPLAY_OPTIONS) {
                if (line.hasOption(option)) {
                    throw new UsageException("--" + option + " applies to bench lottery --dataset only");
                }
            }
        }
        ServiceLoad load = load(service, line);
        boolean metrics = service.equals("metrics");
        LoadSettings settings = new LoadSettings(
                Cli.integer(line, "conns", metrics ? METRICS_CONNS : 4, 1, 1000),
                Cli.integer(line, "pipeline", metrics ? METRICS_PIPELINE : 64, 1, 4096),
                Cli.integer(line, "ops", metrics ? METRICS_OPS : 200_000, 1, 100_000_000),
                Cli.seconds(line, "secs", Duration.ofSeconds(30)));
        int warmup = Cli.integer(line, "warmup", 0, 0, 100_000_000);
        String host = Cli.host(line, "host", "127.0.0.1");
        int runs = Cli.integer(line, "runs", 1, 1, 100);
        int failed = 0;
        for (int run = 0; run < runs; run++) {
            LoadResult result;
            if (line.hasOption("port")) {
                for (String option : SERVER_OPTIONS) {
                    if (line.hasOption(option)) {
                        throw new UsageException("--" + option
                                + " shapes the in-process server; with --port it does nothing");
                    }
                }
                int port = Cli.port(line, "port", 0);
                long pid = line.hasOption("server-pid") ? Cli.integer(line, "server-pid", 0, 1, Integer.MAX_VALUE) : 0;
                result = warmedUp(load, new InetSocketAddress(host, port), host + ":" + port, settings, warmup,
                        () -> pid > 0 ? Cpu.process(pid) : -1, false);
            } else {
                if (line.hasOption("server-pid")) {
                    throw new UsageException("--server-pid names a running server: give --port too");
                }
                StorageKind storage = StorageKind.parse(Cli.string(line, "storage", "memory"));
                Optional<JdbcSettings> jdbc = ServerOptions.jdbcFrom(line, storage, System.getenv());
                result = inProcess(load, storage, jdbc, settings, warmup, line.hasOption("verbose"));
            }
            console.out().println(result.line());
            result.measured().firstError().ifPresent(e -> console.err().println("switchboard bench: " + e));
            failed += result.errors() == 0 ? 0 : 1;
        }
        return failed == 0 ? 0 : 1;
    }

    private static ServiceLoad load(String service, CommandLine line) throws UsageException {
        switch (service) {
            case "metrics":
                return new MetricsLoad(line.hasOption("redis"), Cli.integer(line, "keys", 0, 1, 10_000_000));
            case "graphite":
                return new GraphiteLoad();
            case "tokens":
                return new TokensLoad(new TokenOptions(
                        Cli.integer(line, "threads", TokenOptions.DEFAULT_THREADS, 1, TokenOptions.MAX_THREADS),
                        TokenOptions.DEFAULT_PERIOD,
                        ProcessingDelay.ofMillis(Cli.integer(line, "delay", 0, 0, TokenOptions.MAX_DELAY_MILLIS))),
                        Cli.integer(line, "distinct", TokensLoad.DEFAULT_DISTINCT_TOKENS, 1, 100_000));
            case "lottery":
                if (line.hasOption("dataset")) {
                    return replay(line);
                }
                String dialect = Cli.string(line, "dialect", "text");
                if (!dialect.equals("text") && !dialect.equals("binary")) {
                    throw new UsageException("--dialect must be text or binary, not '" + dialect + "'");
                }
                return new LotteryLoad(dialect.equals("binary"));
            case "collector":
                return new CollectorLoad();
            default:
                throw new UsageException("unknown service '" + service + "': " + SERVICES);
        }
    }

    private static ServiceLoad replay(CommandLine line) throws UsageException {
        if (line.hasOption("dialect")) {
            throw new UsageException("--dialect does not apply to --dataset: --text-agencies splits the agencies");
        }
        Path dataset = Cli.path(line, "dataset", ".");
        List<List<dev.switchboard.domain.lottery.Bet>> files;
        try {
            files = LotteryReplay.readDataset(dataset);
        } catch (IOException | dev.switchboard.bootstrap.lottery.AgencyCsv.BadFileException e) {
            throw new UsageException("--dataset " + dataset + ": " + e.getMessage());
        }
        Optional<InetSocketAddress> binary = Optional.empty();
        if (line.hasOption("binary-port")) {
            if (!line.hasOption("port")) {
                throw new UsageException("--binary-port names a running server's port: give --port too");
            }
            binary = Optional.of(new InetSocketAddress(Cli.host(line, "host", "127.0.0.1"),
                    Cli.port(line, "binary-port", 0)));
        }
        return new LotteryReplay(files, Cli.integer(line, "text-agencies", 3, 0, files.size()),
                Cli.integer(line, "window", 1, 1, 1024), binary);
    }

    /** Starts the service alone on a free loopback port, with its storage in a temporary folder, and loads it. */
    private static LoadResult inProcess(ServiceLoad load, StorageKind storage, Optional<JdbcSettings> jdbc,
                                        LoadSettings settings, int warmup, boolean verbose)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("switchboard-bench");
        Logger services = (Logger) LoggerFactory.getLogger("dev.switchboard");
        Level level = services.getLevel();
        if (!verbose) {
            // a log line per batch (lottery, sink) would bury the figures: only warnings while the bench runs
            services.setLevel(Level.WARN);
        }
        ServerOptions options = new ServerOptions(storage, dir.resolve("bench"), 0, ServiceLoad.LOOPBACK,
                Optional.empty(), jdbc);
        try (ServerRuntime runtime = new ServerRuntime(options)) {
            Supplier<InetSocketAddress> address = load.install(runtime, settings);
            runtime.start();
            return warmedUp(load, address.get(), "in-process/" + storage.name().toLowerCase(Locale.ROOT), settings,
                    warmup, Cpu::thisProcess, true);
        } finally {
            services.setLevel(level);
            deleteTree(dir);
        }
    }

    /**
     * Sends {@code warmup} requests first (their figures dropped, their errors not), then the measured
     * load, with the server's CPU time over the measured part ({@code serverCpu} answers -1 when it
     * cannot tell; an in-process server shares this process, so the client's own CPU is taken off).
     */
    private static LoadResult warmedUp(ServiceLoad load, InetSocketAddress server, String target, LoadSettings settings,
                                       int warmup, LongSupplier serverCpu, boolean inProcess)
            throws InterruptedException {
        if (warmup > 0) {
            LoadResult first = load.run(server, target,
                    new LoadSettings(settings.conns(), settings.pipeline(), warmup, settings.time()));
            if (first.errors() > 0) {
                return first;
            }
        }
        long before = serverCpu.getAsLong();
        LoadResult result = load.run(server, target, settings);
        long after = serverCpu.getAsLong();
        long client = inProcess ? result.measured().clientCpuNanos() : 0;
        if (before < 0 || after < 0 || client < 0) {
            return result.withServerCpu(-1);
        }
        return result.withServerCpu(after - before - client);
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
