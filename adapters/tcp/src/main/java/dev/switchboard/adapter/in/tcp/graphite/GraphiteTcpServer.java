package dev.switchboard.adapter.in.tcp.graphite;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.in.tcp.graphite.codec.CarbonCodecFactory;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import dev.switchboard.application.port.in.metrics.PutMetricUseCase;
import java.util.function.LongSupplier;

/** Builds the carbon plaintext listener ({@code graphite}): carbon codec, then {@link CarbonSessionHandler}. */
public final class GraphiteTcpServer {

    private GraphiteTcpServer() {
    }

    /** {@code telemetry} is the metrics service's: carbon is one more way into the same store. */
    public static MinaTcpServer create(TcpServerConfig config, PutMetricUseCase puts, LongSupplier nowSeconds,
                                       Telemetry telemetry) {
        return new MinaTcpServer("graphite", config, new CarbonCodecFactory(nowSeconds),
                new CarbonSessionHandler(puts, telemetry), telemetry);
    }
}
