package dev.switchboard.bootstrap.lottery;

import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import dev.switchboard.domain.lottery.WinningNumber;

/**
 * How the lottery service runs.
 *
 * @param textPort   text dialect port; -1 = off (0 picks a free port)
 * @param binaryPort binary dialect port; -1 = off (0 picks a free port)
 */
public record LotteryConfig(String host, int textPort, int binaryPort, int agencies, WinningNumber winningNumber,
                            int maxFrameBytes) {

    public static final int OFF = -1;
    public static final int DEFAULT_PORT = 12345;
    public static final int DEFAULT_BINARY_PORT = 12346;
    public static final int DEFAULT_AGENCIES = 5;

    public static LotteryConfig defaults(String host, int textPort, int binaryPort, int agencies) {
        return new LotteryConfig(host, textPort, binaryPort, agencies, WinningNumber.DEFAULT,
                TextFrame.DEFAULT_MAX_FRAME);
    }
}
