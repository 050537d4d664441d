package dev.switchboard.bootstrap.serve;

import dev.switchboard.bootstrap.metrics.MetricsOptions;
import dev.switchboard.bootstrap.tokens.TokenOptions;
import java.util.Objects;

/**
 * What {@code serve} runs: one port per listener, {@link #OFF} for a service left out. Port 0 binds
 * a free port (tests); the command line's 0 means off and is turned into {@link #OFF} by the role.
 *
 * @param agencies lottery agencies that must be done before the draw
 */
public record ServeSettings(String addr, int tokensPort, int metricsPort, int lotteryPort, int lotteryBinaryPort,
                            int agencies, int sinkPort, TokenOptions tokens, MetricsOptions metrics) {

    public static final int OFF = -1;

    public ServeSettings {
        Objects.requireNonNull(addr, "'addr' must not be null");
        Objects.requireNonNull(tokens, "'tokens' must not be null");
        Objects.requireNonNull(metrics, "'metrics' must not be null");
    }

    /** Without carbon and retention: the classic metrics service. */
    public ServeSettings(String addr, int tokensPort, int metricsPort, int lotteryPort, int lotteryBinaryPort,
                         int agencies, int sinkPort, TokenOptions tokens) {
        this(addr, tokensPort, metricsPort, lotteryPort, lotteryBinaryPort, agencies, sinkPort, tokens,
                MetricsOptions.CLASSIC);
    }
}
