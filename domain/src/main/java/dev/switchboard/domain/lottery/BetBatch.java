package dev.switchboard.domain.lottery;

import java.util.List;
import java.util.Objects;

/** Value object: bets one agency sends together; stored all or none. Never empty. */
public record BetBatch(AgencyId agency, List<Bet> bets) {

    public BetBatch {
        Objects.requireNonNull(agency, "'agency' must not be null");
        bets = List.copyOf(Objects.requireNonNull(bets, "'bets' must not be null"));
        if (bets.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one bet");
        }
        for (Bet bet : bets) {
            if (!bet.agency().equals(agency)) {
                throw new IllegalArgumentException("a bet of agency " + bet.agency() + " in a batch of agency " + agency);
            }
        }
    }

    public int size() {
        return bets.size();
    }
}
