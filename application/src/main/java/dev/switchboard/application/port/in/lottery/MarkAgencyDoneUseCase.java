package dev.switchboard.application.port.in.lottery;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.LotteryRejection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Use case: an agency has sent all its bets; it learns its winners once every agency is done. */
public interface MarkAgencyDoneUseCase {

    /**
     * Marks the agency done (again is harmless).
     *
     * @return a stage completed at the draw with the documents of this agency's winners (empty
     *         for none); it may stay pending for as long as other agencies take
     * @throws LotteryRejection the agency is unknown
     */
    CompletionStage<List<Integer>> markDone(AgencyId agency) throws LotteryRejection;
}
