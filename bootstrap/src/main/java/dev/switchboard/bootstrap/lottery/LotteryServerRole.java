package dev.switchboard.bootstrap.lottery;

import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.UsageException;
import dev.switchboard.domain.lottery.WinningNumber;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code lottery-server}: the lottery alone, text and/or binary dialect. */
public final class LotteryServerRole implements Role {

    static final int MIN_FRAME = 128;
    static final int MAX_FRAME = 16 * 1024 * 1024;
    static final int MAX_AGENCIES = 10_000;

    @Override
    public String name() {
        return "lottery-server";
    }

    @Override
    public String summary() {
        return "the lottery server (agencies upload bets, then learn their winners)";
    }

    @Override
    public Options options() {
        Options options = new Options()
                .addOption(Cli.opt("host", "ADDR", "address to bind [127.0.0.1]"))
                .addOption(Cli.opt("port", "N", "text dialect port [" + LotteryConfig.DEFAULT_PORT + "]"))
                .addOption(Cli.opt("binary-port", "N", "binary dialect port [" + LotteryConfig.DEFAULT_BINARY_PORT + "]"))
                .addOption(Cli.opt("dialect", "D", "text, binary or both [both]"))
                .addOption(Cli.opt("agencies", "N", "agencies that must be done before the draw [5]"))
                .addOption(Cli.opt("winner-number", "N", "the winning number, 0..9999 [7574]"))
                .addOption(Cli.opt("max-frame", "BYTES", "largest frame (batch) accepted ["
                        + TextFrame.DEFAULT_MAX_FRAME + "]"));
        return ServerOptions.addTo(options, 0);
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException, Exception {
        String host = Cli.host(line, "host", "127.0.0.1");
        int port = Cli.port(line, "port", LotteryConfig.DEFAULT_PORT);
        int binaryPort = Cli.port(line, "binary-port", LotteryConfig.DEFAULT_BINARY_PORT);
        String dialect = Cli.string(line, "dialect", "both").toLowerCase(Locale.ROOT);
        if (!dialect.equals("text") && !dialect.equals("binary") && !dialect.equals("both")) {
            throw new UsageException("--dialect takes text, binary or both, not '" + dialect + "'");
        }
        LotteryConfig config = new LotteryConfig(host,
                dialect.equals("binary") ? LotteryConfig.OFF : port,
                dialect.equals("text") ? LotteryConfig.OFF : binaryPort,
                agencies(line, "agencies"),
                winningNumber(line),
                Cli.integer(line, "max-frame", TextFrame.DEFAULT_MAX_FRAME, MIN_FRAME, MAX_FRAME));
        ServerOptions common = ServerOptions.from(line, 0);
        return ServerRuntime.run(common, console, runtime -> LotteryAssembly.install(runtime, config));
    }

    static int agencies(CommandLine line, String option) throws UsageException {
        return Cli.integer(line, option, LotteryConfig.DEFAULT_AGENCIES, 1, MAX_AGENCIES);
    }

    private static WinningNumber winningNumber(CommandLine line) throws UsageException {
        return new WinningNumber(Cli.integer(line, "winner-number", WinningNumber.DEFAULT.value(), 0, 9999));
    }
}
