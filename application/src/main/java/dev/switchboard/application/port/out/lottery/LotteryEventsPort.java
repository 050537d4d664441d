package dev.switchboard.application.port.out.lottery;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.DrawResult;

/**
 * Outbound port: tells the outside world (the server log) about every batch and the draw. The
 * one place the lottery's graded log lines come from.
 */
public interface LotteryEventsPort {

    /** A batch of {@code count} bets was stored (committed). */
    void betsStored(int count);

    /** A batch of {@code count} bets (0 if unknown) was refused, for the given reason. */
    void betsRefused(int count, String reason);

    /** The draw happened just now (not a draw brought back after a restart). */
    void drawn(DrawResult result);

    /** A draw brought back from storage at start-up. */
    void restored(DrawResult result);

    /** A draw another node made (several nodes on one database): this node answers from it. */
    default void drawnElsewhere(DrawResult result) {
        restored(result);
    }

    /** The draw could not be made or recorded. */
    void drawFailed(Throwable cause);

    /** A numbered batch came again (its answer was lost) and was answered without storing it twice. */
    default void batchRepeated(AgencyId agency, long batchNumber) {
    }
}
