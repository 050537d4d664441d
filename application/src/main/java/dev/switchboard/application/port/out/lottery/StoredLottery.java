package dev.switchboard.application.port.out.lottery;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.WinningNumber;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a {@link BetStore} holds about the draw's progress.
 *
 * @param agencies      figures of every agency that stored a batch or said it is done
 * @param drawnWith     the number of the draw, if it happened
 * @param batchNumbers  per agency, the batch numbers of its stored numbered batches
 */
public record StoredLottery(Map<AgencyId, AgencyTally> agencies, Optional<WinningNumber> drawnWith,
                            Map<AgencyId, Set<Long>> batchNumbers) {

    /** One agency's stored bets and batches, and whether it is done. */
    public record AgencyTally(long bets, long batches, boolean done) {
    }

    public StoredLottery {
        agencies = Map.copyOf(agencies);
        Map<AgencyId, Set<Long>> numbers = new TreeMap<>();
        batchNumbers.forEach((agency, set) -> numbers.put(agency, Set.copyOf(set)));
        batchNumbers = Map.copyOf(numbers);
    }

    /** Without numbered batches. */
    public StoredLottery(Map<AgencyId, AgencyTally> agencies, Optional<WinningNumber> drawnWith) {
        this(agencies, drawnWith, Map.of());
    }

    public static StoredLottery empty() {
        return new StoredLottery(Map.of(), Optional.empty());
    }
}
