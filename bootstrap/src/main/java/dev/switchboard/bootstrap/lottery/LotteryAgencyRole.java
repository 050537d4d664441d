package dev.switchboard.bootstrap.lottery;

import dev.switchboard.adapter.out.tcp.lottery.AgencyConnection;
import dev.switchboard.adapter.out.tcp.lottery.AgencyUploader;
import dev.switchboard.adapter.out.tcp.lottery.BinaryAgencyConnection;
import dev.switchboard.adapter.out.tcp.lottery.LotteryClientError;
import dev.switchboard.adapter.out.tcp.lottery.TextAgencyConnection;
import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.UsageException;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lottery-agency}: uploads one agency's bets file to a lottery server, waits for the draw
 * and logs its winners count. A progress bar shows on a terminal; plain output otherwise.
 */
public final class LotteryAgencyRole implements Role {

    private static final Logger log = LoggerFactory.getLogger("dev.switchboard.lottery.agency");

    @Override
    public String name() {
        return "lottery-agency";
    }

    @Override
    public String summary() {
        return "upload an agency's bets file to a lottery server and wait for its winners";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Cli.opt("id", "N", "agency id (required)"))
                .addOption(Cli.opt("file", "PATH", "bets CSV: first_name,last_name,document,birthdate,number (required)"))
                .addOption(Cli.opt("server", "HOST:PORT", "lottery server [127.0.0.1:12345, or :12346 for binary]"))
                .addOption(Cli.opt("batch-size", "N", "bets per batch, shrunk to fit the frame limit [100]"))
                .addOption(Cli.opt("dialect", "D", "text or binary [text]"))
                .addOption(Cli.opt("max-frame", "BYTES", "the server's frame limit ["
                        + TextFrame.DEFAULT_MAX_FRAME + "]"))
                .addOption(Cli.opt("timeout", "S", "connect and answer timeout in seconds; the draw is awaited without one [30]"));
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException {
        Cli.require(line, "id", "");
        Cli.require(line, "file", "");
        AgencyId agency = AgencyId.of(Cli.integer(line, "id", 1, 1, Integer.MAX_VALUE));
        Path file = Cli.path(line, "file", "");
        String dialect = Cli.string(line, "dialect", "text").toLowerCase(Locale.ROOT);
        if (!dialect.equals("text") && !dialect.equals("binary")) {
            throw new UsageException("--dialect takes text or binary, not '" + dialect + "'");
        }
        boolean binary = dialect.equals("binary");
        InetSocketAddress server = server(Cli.string(line, "server",
                "127.0.0.1:" + (binary ? LotteryConfig.DEFAULT_BINARY_PORT : LotteryConfig.DEFAULT_PORT)));
        int batchSize = Cli.integer(line, "batch-size", 100, 1, 1_000_000);
        int maxFrame = Cli.integer(line, "max-frame", TextFrame.DEFAULT_MAX_FRAME,
                LotteryServerRole.MIN_FRAME, LotteryServerRole.MAX_FRAME);
        Duration timeout = Cli.seconds(line, "timeout", Duration.ofSeconds(30));

        List<Bet> bets;
        try {
            bets = AgencyCsv.read(file, agency);
        } catch (AgencyCsv.BadFileException e) {
            console.err().println("lottery-agency: " + e.getMessage());
            return 1;
        }
        AgencyConnection.Factory connections = binary
                ? BinaryAgencyConnection.factory(server, timeout)
                : TextAgencyConnection.factory(server, timeout);
        AgencyUploader uploader = new AgencyUploader(connections, batchSize, maxFrame);
        AgencyUploader.Result result;
        try {
            result = upload(uploader, agency, bets);
        } catch (LotteryClientError e) {
            log.info("action: consulta_ganadores | result: fail | error: {}", e.getMessage());
            console.err().println("lottery-agency: " + e.getMessage());
            return 1;
        }
        log.info("action: consulta_ganadores | result: success | cant_ganadores: {}", result.winners().size());
        console.out().println("agency " + agency + ": " + result.bets() + " bets sent in " + result.batches()
                + " batches; winners: " + result.winners().size()
                + (result.winners().isEmpty() ? "" : " (" + result.winners().stream()
                        .map(String::valueOf).collect(Collectors.joining(";")) + ")"));
        console.out().flush();
        return 0;
    }

    private static AgencyUploader.Result upload(AgencyUploader uploader, AgencyId agency, List<Bet> bets)
            throws LotteryClientError {
        if (System.console() == null) {
            return uploader.upload(agency, bets, n -> { });
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("agency " + agency)
                .setInitialMax(bets.size()).setUnit(" bets", 1).build()) {
            IntConsumer progress = bar::stepBy;
            return uploader.upload(agency, bets, progress);
        }
    }

    static InetSocketAddress server(String text) throws UsageException {
        return Cli.hostPort("server", text);
    }
}
