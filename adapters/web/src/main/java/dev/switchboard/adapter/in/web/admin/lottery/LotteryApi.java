package dev.switchboard.adapter.in.web.admin.lottery;

import dev.switchboard.adapter.in.web.admin.ApiRoute;
import dev.switchboard.application.port.in.lottery.GetLotteryStatusUseCase;
import dev.switchboard.application.port.in.lottery.GetLotteryStatusUseCase.AgencyStatus;
import dev.switchboard.application.port.in.lottery.GetLotteryStatusUseCase.LotteryStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/lottery}: {@code {"totalBets":0,"drawDone":false,"winningNumber":7574,
 * "agencies":[{"agency":1,"bets":0,"batches":0,"done":false,"winners":[]}]}}; every agency
 * 1..N is listed from the start.
 */
public final class LotteryApi implements ApiRoute {

    record AgencyView(int agency, long bets, long batches, boolean done, List<Integer> winners) {
    }

    record LotteryView(long totalBets, boolean drawDone, int winningNumber, List<AgencyView> agencies) {
    }

    private final GetLotteryStatusUseCase lottery;

    public LotteryApi(GetLotteryStatusUseCase lottery) {
        this.lottery = Objects.requireNonNull(lottery, "'lottery' must not be null");
    }

    @Override
    public Object get(Map<String, String> query) {
        LotteryStatus status = lottery.status();
        List<AgencyView> agencies = status.agencies().stream()
                .map((AgencyStatus a) -> new AgencyView(a.agency(), a.bets(), a.batches(), a.done(), a.winners()))
                .toList();
        return new LotteryView(status.totalBets(), status.drawDone(), status.winningNumber(), agencies);
    }
}
