package dev.switchboard.adapter.in.tcp.lottery;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.in.tcp.common.pipeline.FramePipeline;
import dev.switchboard.application.port.in.lottery.MarkAgencyDoneUseCase;
import dev.switchboard.application.port.in.lottery.QueryWinnersUseCase;
import dev.switchboard.application.port.in.lottery.StoreBatchUseCase;
import dev.switchboard.application.port.out.telemetry.Telemetry;

/**
 * Builds the lottery's two listeners, the text dialect and the binary dialect, over the same use
 * cases: each the frame pipeline with its dialect ({@link LotteryTextPipeline},
 * {@link LotteryBinaryPipeline}).
 */
public final class LotteryTcpServer {

    private LotteryTcpServer() {
    }

    public static MinaTcpServer text(TcpServerConfig config, int maxFrameBytes, StoreBatchUseCase batches,
                                     MarkAgencyDoneUseCase done, QueryWinnersUseCase winners, Telemetry telemetry) {
        return new MinaTcpServer("lottery", config, null,
                new FramePipeline<>(new LotteryTextPipeline(maxFrameBytes, batches, done, winners, telemetry)), telemetry);
    }

    public static MinaTcpServer binary(TcpServerConfig config, int maxFrameBytes, StoreBatchUseCase batches,
                                       MarkAgencyDoneUseCase done, Telemetry telemetry) {
        return new MinaTcpServer("lottery-binary", config, null,
                new FramePipeline<>(new LotteryBinaryPipeline(maxFrameBytes, batches, done, telemetry)), telemetry);
    }
}
