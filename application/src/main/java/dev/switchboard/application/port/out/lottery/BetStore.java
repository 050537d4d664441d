package dev.switchboard.application.port.out.lottery;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.WinningNumber;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: where bets and the draw's progress live. Every write's stage completes only
 * once the write survives a crash of the process (for a durable store) and fails if it could
 * not be made; writes complete in the order they were submitted.
 */
public interface BetStore {

    /** Stores every bet of the batch in one transaction, or none of them. */
    CompletionStage<Void> saveBatch(BetBatch batch);

    /** Records that an agency sent all its bets. */
    CompletionStage<Void> markDone(AgencyId agency);

    /** Records that the draw happened with this number. */
    CompletionStage<Void> saveDraw(WinningNumber number);

    /**
     * The barrier and the single draw, decided by the store in one transaction: if agencies
     * 1..{@code agencies} are all done and no draw is recorded, records the draw with
     * {@code number} ({@link DrawClaim.Kind#DRAWN_HERE}); if a draw is recorded, answers its
     * number ({@link DrawClaim.Kind#DRAWN_BEFORE}); otherwise records nothing
     * ({@link DrawClaim.Kind#NOT_YET}). Of every caller, on every node that shares the store,
     * exactly one is answered {@code DRAWN_HERE}. Blocks; call it off the I/O threads, after the
     * caller's own "done" is stored.
     */
    DrawClaim claimDraw(int agencies, WinningNumber number);

    /** What is stored: per-agency figures, the done flags and the draw, as at a restart. */
    StoredLottery load();

    /** Bets with this number, in the order they were stored. */
    List<Bet> findByNumber(int number);

    /** How many bets are stored. */
    long count();
}
