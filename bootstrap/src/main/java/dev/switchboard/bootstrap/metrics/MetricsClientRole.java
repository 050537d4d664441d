package dev.switchboard.bootstrap.metrics;

import dev.switchboard.adapter.out.tcp.metrics.ClientError;
import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import dev.switchboard.adapter.tcp.metrics.protocol.PythonFloat;
import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.UsageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code metrics-client put KEY VALUE [TIMESTAMP]} or {@code metrics-client get KEY}. */
public final class MetricsClientRole implements Role {

    @Override
    public String name() {
        return "metrics-client";
    }

    @Override
    public String summary() {
        return "put a point or get points from a metrics server";
    }

    @Override
    public String synopsis() {
        return "[options] put KEY VALUE [TIMESTAMP] | [options] get KEY|'*'";
    }

    @Override
    public boolean stopsAtVerb() {
        return true;
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Cli.opt("host", "ADDR", "server address [127.0.0.1]"))
                .addOption(Cli.opt("port", "N", "server port [8888]"))
                .addOption(Cli.opt("timeout", "S", "connect and read timeout in seconds [5]"));
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException {
        String host = Cli.string(line, "host", "127.0.0.1");
        int port = Cli.port(line, "port", 8888);
        Duration timeout = Cli.seconds(line, "timeout", Duration.ofSeconds(5));
        List<String> words = line.getArgList();
        if (words.isEmpty()) {
            throw new UsageException("missing verb: put or get");
        }
        String verb = words.get(0);
        switch (verb) {
            case "put" -> {
                if (words.size() < 3 || words.size() > 4) {
                    throw new UsageException("put takes KEY VALUE [TIMESTAMP]");
                }
                double value;
                long timestamp;
                try {
                    value = PythonFloat.parse(words.get(2));
                    timestamp = words.size() == 4
                            ? PythonFloat.parseLong(words.get(3))
                            : System.currentTimeMillis() / 1000;
                } catch (NumberFormatException e) {
                    throw new UsageException("put: " + e.getMessage());
                }
                checkKey(words.get(1));
                try (MetricsClient client = new MetricsClient(host, port, timeout)) {
                    client.put(words.get(1), value, timestamp);
                    console.out().println("ok");
                    return 0;
                } catch (ClientError e) {
                    console.err().println("metrics-client: " + e.getMessage());
                    return 1;
                }
            }
            case "get" -> {
                if (words.size() != 2) {
                    throw new UsageException("get takes one KEY (or '*')");
                }
                if (!"*".equals(words.get(1))) {
                    checkKey(words.get(1));
                }
                try (MetricsClient client = new MetricsClient(host, port, timeout)) {
                    Map<String, List<MetricsClient.Point>> points = client.get(words.get(1));
                    points.forEach((key, series) -> series.forEach(p ->
                            console.out().println(key + " " + PythonFloat.repr(p.value()) + " " + p.timestamp())));
                    return 0;
                } catch (ClientError e) {
                    console.err().println("metrics-client: " + e.getMessage());
                    return 1;
                }
            }
            default -> throw new UsageException("unknown verb '" + verb + "': use put or get");
        }
    }

    private static void checkKey(String key) throws UsageException {
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new UsageException("a key is non-empty and has no whitespace");
        }
    }
}
