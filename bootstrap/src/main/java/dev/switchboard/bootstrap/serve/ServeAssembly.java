package dev.switchboard.bootstrap.serve;

import dev.switchboard.adapter.in.web.collector.SinkConfig;
import dev.switchboard.adapter.out.http.collector.HttpBatchUploader;
import dev.switchboard.bootstrap.ScheduledComponent;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.collector.CollectorAssembly;
import dev.switchboard.bootstrap.collector.CollectorSettings;
import dev.switchboard.bootstrap.collector.SinkComponent;
import dev.switchboard.bootstrap.lottery.LotteryAssembly;
import dev.switchboard.bootstrap.lottery.LotteryConfig;
import dev.switchboard.bootstrap.metrics.MetricsAssembly;
import dev.switchboard.bootstrap.tokens.TokensAssembly;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires every service {@code serve} runs into one runtime, through each service's own assembly;
 * the role and the tests that stand in for it both call this, so they cannot drift apart.
 */
public final class ServeAssembly {

    private static final Logger log = LoggerFactory.getLogger(ServeAssembly.class);

    /** The listeners installed; a service left out is empty. */
    public record Installed(Optional<TcpComponent> tokens, Optional<TcpComponent> metrics,
                            Optional<TcpComponent> lotteryText, Optional<TcpComponent> lotteryBinary,
                            Optional<SinkComponent> sink, Optional<TcpComponent> graphite,
                            Optional<ScheduledComponent> collector) {
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
        Optional<ScheduledComponent> collector = Optional.empty();
        if (settings.collector().isPresent()) {
            collector = installCollector(runtime, settings, settings.collector().get(), sink);
        }
        return new Installed(tokens, metrics, lotteryText, lotteryBinary, sink, graphite, collector);
    }

    /**
     * The collector ships to its {@code --collector-target}, else to this process's sink, at the
     * address that sink has bound (known once it has started, which is before the collector
     * starts). With neither there is nowhere to ship: the collector stays off rather than fill a
     * spool nothing drains.
     */
    private static Optional<ScheduledComponent> installCollector(ServerRuntime runtime, ServeSettings settings,
                                                                 ServeSettings.Collector collector,
                                                                 Optional<SinkComponent> sink) {
        if (collector.target().isPresent()) {
            URI target = collector.target().get();
            CollectorSettings resolved = collector.options().settings(collector.spoolDir(), target.getHost(),
                    target.getPort());
            return Optional.of(CollectorAssembly.installCollector(runtime, resolved, () -> target));
        }
        if (sink.isEmpty()) {
            log.info("collector off: the sink is off (--sink-port 0) and no --collector-target names another");
            return Optional.empty();
        }
        SinkComponent own = sink.get();
        CollectorSettings resolved = collector.options().settings(collector.spoolDir(), settings.addr(),
                Math.max(0, settings.sinkPort()));
        return Optional.of(CollectorAssembly.installCollector(runtime, resolved, () -> reachable(own.localAddress())));
    }

    /** The URI a client uses for a listener: a wildcard bind is reached over loopback. */
    private static URI reachable(InetSocketAddress bound) {
        InetAddress address = bound.getAddress();
        String host = address == null ? bound.getHostString()
                : address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
                : address.getHostAddress();
        return HttpBatchUploader.sinkUri(host, bound.getPort());
    }
}
