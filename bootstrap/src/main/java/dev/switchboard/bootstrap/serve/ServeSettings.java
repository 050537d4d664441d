package dev.switchboard.bootstrap.serve;

import dev.switchboard.bootstrap.collector.CollectorOptions;
import dev.switchboard.bootstrap.metrics.MetricsOptions;
import dev.switchboard.bootstrap.tokens.TokenOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code serve} runs: one port per listener, {@link #OFF} for a service left out. Port 0 binds
 * a free port (tests); the command line's 0 means off and is turned into {@link #OFF} by the role.
 *
 * @param agencies  lottery agencies that must be done before the draw
 * @param collector the collector, if it runs (empty: {@code --collector off})
 */
public record ServeSettings(String addr, int tokensPort, int metricsPort, int lotteryPort, int lotteryBinaryPort,
                            int agencies, int sinkPort, TokenOptions tokens, MetricsOptions metrics,
                            Optional<Collector> collector) {

    public static final int OFF = -1;

    /** Where {@code serve}'s collector spools when not told otherwise (relative to the working directory). */
    public static final String DEFAULT_SPOOL_DIR = "./data/spool";

    /**
     * {@code serve}'s collector: it samples into {@code spoolDir} and ships to {@code target}, or,
     * when that is empty, to the sink of the same process.
     */
    public record Collector(Path spoolDir, Optional<URI> target, CollectorOptions options) {

        public Collector {
            Objects.requireNonNull(spoolDir, "'spoolDir' must not be null");
            Objects.requireNonNull(target, "'target' must not be null");
            Objects.requireNonNull(options, "'options' must not be null");
        }

        /** Ships to this process's own sink. */
        public static Collector toOwnSink(Path spoolDir, CollectorOptions options) {
            return new Collector(spoolDir, Optional.empty(), options);
        }
    }

    public ServeSettings {
        Objects.requireNonNull(addr, "'addr' must not be null");
        Objects.requireNonNull(tokens, "'tokens' must not be null");
        Objects.requireNonNull(metrics, "'metrics' must not be null");
        Objects.requireNonNull(collector, "'collector' must not be null");
    }

    /** Without the collector. */
    public ServeSettings(String addr, int tokensPort, int metricsPort, int lotteryPort, int lotteryBinaryPort,
                         int agencies, int sinkPort, TokenOptions tokens, MetricsOptions metrics) {
        this(addr, tokensPort, metricsPort, lotteryPort, lotteryBinaryPort, agencies, sinkPort, tokens, metrics,
                Optional.empty());
    }

    /** Without carbon, retention or the collector: the classic metrics service. */
    public ServeSettings(String addr, int tokensPort, int metricsPort, int lotteryPort, int lotteryBinaryPort,
                         int agencies, int sinkPort, TokenOptions tokens) {
        this(addr, tokensPort, metricsPort, lotteryPort, lotteryBinaryPort, agencies, sinkPort, tokens,
                MetricsOptions.CLASSIC);
    }

    /** The same, with this collector running. */
    public ServeSettings withCollector(Collector collector) {
        return new ServeSettings(addr, tokensPort, metricsPort, lotteryPort, lotteryBinaryPort, agencies, sinkPort,
                tokens, metrics, Optional.of(collector));
    }
}
