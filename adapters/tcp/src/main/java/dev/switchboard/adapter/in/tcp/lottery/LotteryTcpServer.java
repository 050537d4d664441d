package dev.switchboard.adapter.in.tcp.lottery;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.in.tcp.lottery.codec.LotteryBinaryProtocolCodecFactory;
import dev.switchboard.adapter.in.tcp.lottery.codec.LotteryTextProtocolCodecFactory;
import dev.switchboard.application.port.in.lottery.MarkAgencyDoneUseCase;
import dev.switchboard.application.port.in.lottery.QueryWinnersUseCase;
import dev.switchboard.application.port.in.lottery.StoreBatchUseCase;
import dev.switchboard.application.port.out.telemetry.Telemetry;

/** Builds the lottery's two listeners: the text dialect and the binary dialect, over the same use cases. */
public final class LotteryTcpServer {

    private LotteryTcpServer() {
    }

    public static MinaTcpServer text(TcpServerConfig config, int maxFrameBytes, StoreBatchUseCase batches,
                                     MarkAgencyDoneUseCase done, QueryWinnersUseCase winners, Telemetry telemetry) {
        return new MinaTcpServer("lottery", config, new LotteryTextProtocolCodecFactory(maxFrameBytes),
                new LotteryTextSessionHandler(batches, done, winners, telemetry), telemetry);
    }

    public static MinaTcpServer binary(TcpServerConfig config, int maxFrameBytes, StoreBatchUseCase batches,
                                       MarkAgencyDoneUseCase done, Telemetry telemetry) {
        return new MinaTcpServer("lottery-binary", config, new LotteryBinaryProtocolCodecFactory(maxFrameBytes),
                new LotteryBinarySessionHandler(batches, done, telemetry), telemetry);
    }
}
