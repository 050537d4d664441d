package dev.switchboard.application.port.out.lottery;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.WinningNumber;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link BetStore} holds about the draw's progress.
 *
 * @param agencies  figures of every agency that stored a batch or said it is done
 * @param drawnWith the number of the draw, if it happened
 */
public record StoredLottery(Map<AgencyId, AgencyTally> agencies, Optional<WinningNumber> drawnWith) {

    /** One agency's stored bets and batches, and whether it is done. */
    public record AgencyTally(long bets, long batches, boolean done) {
    }

    public StoredLottery {
        agencies = Map.copyOf(agencies);
    }

    public static StoredLottery empty() {
        return new StoredLottery(Map.of(), Optional.empty());
    }
}
