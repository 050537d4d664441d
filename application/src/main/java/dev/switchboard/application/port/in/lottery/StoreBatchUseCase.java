package dev.switchboard.application.port.in.lottery;

import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.LotteryRejection;
import java.util.concurrent.CompletionStage;

/** Use case: store a batch of one agency's bets, all of them or none. */
public interface StoreBatchUseCase {

    /**
     * @return a stage that completes once the whole batch is stored durably, or fails if the
     *         store could not take it (then nothing of it is stored)
     * @throws LotteryRejection the lottery takes no batch from this agency now
     */
    CompletionStage<Void> store(BetBatch batch) throws LotteryRejection;

    /**
     * A batch that could not even be read (a bad frame, a bad bet): nothing is stored, and it is
     * told like any refused batch.
     *
     * @param count the bets it announced, 0 if unknown
     */
    void refuse(int count, String reason);
}
