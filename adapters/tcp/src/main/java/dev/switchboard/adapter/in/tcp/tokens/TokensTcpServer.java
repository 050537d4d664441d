package dev.switchboard.adapter.in.tcp.tokens;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.in.tcp.common.pipeline.LinePipeline;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenWire;
import dev.switchboard.application.port.in.tokens.RegisterClientUseCase;
import dev.switchboard.application.port.in.tokens.SubmitTokenUseCase;
import dev.switchboard.application.port.out.telemetry.Telemetry;

/** Builds the tokens listener: the line pipeline with {@link TokensPipeline}. */
public final class TokensTcpServer {

    private TokensTcpServer() {
    }

    public static MinaTcpServer create(TcpServerConfig config, RegisterClientUseCase registrations,
                                       SubmitTokenUseCase submissions, Telemetry telemetry) {
        return new MinaTcpServer("tokens", config, null,
                new LinePipeline<>(new TokensPipeline(registrations, submissions, telemetry),
                        TokenWire.MAX_LINE_BYTES), telemetry);
    }
}
