package dev.switchboard.bootstrap.serve;

import dev.switchboard.adapter.in.web.collector.SinkConfig;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.collector.CollectorAssembly;
import dev.switchboard.bootstrap.collector.SinkComponent;
import dev.switchboard.bootstrap.lottery.LotteryAssembly;
import dev.switchboard.bootstrap.lottery.LotteryConfig;
import dev.switchboard.bootstrap.metrics.MetricsAssembly;
import dev.switchboard.bootstrap.tokens.TokensAssembly;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Wires every service {@code serve} runs into one runtime, through each service's own assembly;
 * the role and the tests that stand in for it both call this, so they cannot drift apart.
 */
public final class ServeAssembly {

    /** The listeners installed; a service left out is empty. */
    public record Installed(Optional<TcpComponent> tokens, Optional<TcpComponent> metrics,
                            Optional<TcpComponent> lotteryText, Optional<TcpComponent> lotteryBinary,
                            Optional<SinkComponent> sink, Optional<TcpComponent> graphite) {
    }

    private ServeAssembly() {
    }

    /**
     * @param out where the tokens tables and the sink's payloads are printed (stdout in the role)
     */
    public static Installed install(ServerRuntime runtime, ServeSettings settings, PrintStream out) {
        Optional<TcpComponent> tokens = Optional.empty();
        Optional<TcpComponent> metrics = Optional.empty();
        Optional<TcpComponent> lotteryText = Optional.empty();
        Optional<TcpComponent> lotteryBinary = Optional.empty();
        Optional<SinkComponent> sink = Optional.empty();
        Optional<TcpComponent> graphite = Optional.empty();
        String addr = settings.addr();
        if (settings.tokensPort() != ServeSettings.OFF) {
            tokens = Optional.of(TokensAssembly.install(runtime, addr, settings.tokensPort(), settings.tokens(), out));
        }
        if (settings.metricsPort() != ServeSettings.OFF) {
            MetricsAssembly.Installed installed =
                    MetricsAssembly.install(runtime, addr, settings.metricsPort(), settings.metrics());
            metrics = Optional.of(installed.classic());
            graphite = installed.graphite();
        }
        if (settings.lotteryPort() != ServeSettings.OFF || settings.lotteryBinaryPort() != ServeSettings.OFF) {
            LotteryAssembly.Installed lottery = LotteryAssembly.install(runtime, LotteryConfig.defaults(addr,
                    settings.lotteryPort() != ServeSettings.OFF ? settings.lotteryPort() : LotteryConfig.OFF,
                    settings.lotteryBinaryPort() != ServeSettings.OFF ? settings.lotteryBinaryPort() : LotteryConfig.OFF,
                    settings.agencies()));
            lotteryText = lottery.text();
            lotteryBinary = lottery.binary();
        }
        if (settings.sinkPort() != ServeSettings.OFF) {
            sink = Optional.of(CollectorAssembly.installSink(runtime, SinkConfig.of(addr, settings.sinkPort()), out));
        }
        return new Installed(tokens, metrics, lotteryText, lotteryBinary, sink, graphite);
    }
}
