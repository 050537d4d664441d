package dev.switchboard.application.port.in.lottery;

import java.util.List;

/** Use case: a snapshot of the lottery for the admin console. */
public interface GetLotteryStatusUseCase {

    /** One agency's figures. {@code winners} is empty until the draw. */
    record AgencyStatus(int agency, long bets, long batches, boolean done, List<Integer> winners) {

        public AgencyStatus {
            winners = List.copyOf(winners);
        }
    }

    /** The whole lottery; {@code agencies} lists 1..N in order. */
    record LotteryStatus(long totalBets, boolean drawDone, int winningNumber, List<AgencyStatus> agencies) {

        public LotteryStatus {
            agencies = List.copyOf(agencies);
        }
    }

    LotteryStatus status();
}
