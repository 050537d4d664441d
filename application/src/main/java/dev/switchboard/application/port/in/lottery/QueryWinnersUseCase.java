package dev.switchboard.application.port.in.lottery;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.LotteryRejection;
import java.util.List;
import java.util.Optional;

/** Use case: an agency asks for its winners (e.g. after reconnecting); answered only after the draw. */
public interface QueryWinnersUseCase {

    /**
     * @return the documents of the agency's winners, or empty while the draw is pending
     * @throws LotteryRejection the agency is unknown
     */
    Optional<List<Integer>> winners(AgencyId agency) throws LotteryRejection;
}
