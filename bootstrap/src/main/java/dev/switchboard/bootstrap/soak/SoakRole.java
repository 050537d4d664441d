package dev.switchboard.bootstrap.soak;

import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Main;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.UsageException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code soak metrics|tokens|lottery --port P}: many well-behaved clients at once, each checking
 * every answer, beside a client spewing random bytes, one sending a message that never ends and
 * one pipelining without reading; then a fresh client. Loads a running server (for the lottery,
 * one started with {@code --agencies} equal to {@code --clients}); exits 0 only if every promise held.
 */
public final class SoakRole implements Role, Main.PositionalArguments {

    private static final String SERVICES = "metrics, tokens or lottery";

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String summary() {
        return "soak a running server with many checked clients and three hostile ones: soak metrics|tokens|lottery --port P";
    }

    @Override
    public String synopsis() {
        return "metrics|tokens|lottery --port P [options]";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Cli.opt("host", "ADDR", "server to soak [127.0.0.1]"))
                .addOption(Cli.opt("port", "N", "server port (required)"))
                .addOption(Cli.opt("clients", "N", "well-behaved connections open at once (lottery: the server's --agencies) [1000]"))
                .addOption(Cli.opt("requests", "N", "puts, tokens or bets per well-behaved client [20]"))
                .addOption(Cli.opt("hostile-mib", "N", "MiB each hostile client may send in all [64]"))
                .addOption(Cli.opt("stall", "S", "seconds without write progress that mean the server stopped reading [2]"))
                .addOption(Cli.opt("secs", "S", "how long the well-behaved clients may take [60]"))
                .addOption(Cli.opt("seed", "N", "seed of the random bytes [1]"));
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException, Exception {
        String service = Cli.oneWord(line, "name one service to soak: " + SERVICES);
        Cli.require(line, "port", "soak loads a running server");
        SoakSettings settings = new SoakSettings(
                Cli.integer(line, "clients", 1000, 1, 10_000),
                Cli.integer(line, "requests", 20, 1, 999),
                Cli.integer(line, "hostile-mib", 64, 1, 65_536) * 1024L * 1024,
                Cli.seconds(line, "stall", Duration.ofSeconds(2)),
                Cli.seconds(line, "secs", Duration.ofSeconds(60)),
                Cli.integer(line, "seed", 1, 0, Integer.MAX_VALUE));
        if (Soak.protocol(service, settings).isEmpty()) {
            throw new UsageException("unknown service '" + service + "': " + SERVICES);
        }
        InetSocketAddress server = new InetSocketAddress(Cli.host(line, "host", "127.0.0.1"), Cli.port(line, "port", 0));
        SoakResult result = Soak.run(service, server, settings);
        console.out().println(result.report());
        return result.held() ? 0 : 1;
    }
}
