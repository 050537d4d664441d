package dev.switchboard.bootstrap.tokens;

import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.UsageException;
import dev.switchboard.domain.tokens.ProcessingDelay;
import java.time.Duration;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * The tokens server's own options, shared by {@code token-server} (with short names) and
 * {@code serve} (long names only).
 *
 * @param threads how many handlers may work at once
 * @param period  how often the tables are printed (when they changed)
 * @param delay   the simulated time a handler spends on a token, ±10%
 */
public record TokenOptions(int threads, Duration period, ProcessingDelay delay) {

    public static final int DEFAULT_THREADS = 8;
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
    public static final int MAX_THREADS = 1024;
    public static final int MAX_DELAY_MILLIS = 600_000;

    public static Options addTo(Options options, boolean shortNames) {
        return options
                .addOption(shortNames
                        ? Cli.opt("t", "threads", "N", "handlers working at once, 1.." + MAX_THREADS + " [" + DEFAULT_THREADS + "]")
                        : Cli.opt("threads", "N", "tokens: handlers working at once [" + DEFAULT_THREADS + "]"))
                .addOption(shortNames
                        ? Cli.opt("s", "sec", "S", "print the tables every S seconds when they changed [10]")
                        : Cli.opt("sec", "S", "tokens: print the tables every S seconds [10]"))
                .addOption(shortNames
                        ? Cli.opt("d", "delay", "MS", "simulated handler time per token in ms, ±10% [0]")
                        : Cli.opt("delay", "MS", "tokens: handler time per token in ms, ±10% [0]"));
    }

    public static TokenOptions from(CommandLine line) throws UsageException {
        int threads = Cli.integer(line, "threads", DEFAULT_THREADS, 1, MAX_THREADS);
        Duration period = Cli.seconds(line, "sec", DEFAULT_PERIOD);
        int delay = Cli.integer(line, "delay", 0, 0, MAX_DELAY_MILLIS);
        return new TokenOptions(threads, period, ProcessingDelay.ofMillis(delay));
    }
}
