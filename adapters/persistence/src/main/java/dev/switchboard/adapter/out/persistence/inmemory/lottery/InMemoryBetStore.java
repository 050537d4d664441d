package dev.switchboard.adapter.out.persistence.inmemory.lottery;

import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.application.port.out.lottery.DrawClaim;
import dev.switchboard.application.port.out.lottery.StoredLottery;
import dev.switchboard.application.port.out.lottery.StoredLottery.AgencyTally;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.WinningNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Persistence adapter: bets in a list, the draw's progress in fields; every write completes at once. */
public final class InMemoryBetStore implements BetStore {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final List<Bet> bets = new ArrayList<>();
    private final Map<AgencyId, AgencyTally> agencies = new TreeMap<>();
    private WinningNumber drawnWith;

    @Override
    public synchronized CompletionStage<Void> saveBatch(BetBatch batch) {
        bets.addAll(batch.bets());
        AgencyTally was = agencies.getOrDefault(batch.agency(), new AgencyTally(0, 0, false));
        agencies.put(batch.agency(), new AgencyTally(was.bets() + batch.size(), was.batches() + 1, was.done()));
        return DONE;
    }

    @Override
    public synchronized CompletionStage<Void> markDone(AgencyId agency) {
        AgencyTally was = agencies.getOrDefault(agency, new AgencyTally(0, 0, false));
        agencies.put(agency, new AgencyTally(was.bets(), was.batches(), true));
        return DONE;
    }

    @Override
    public synchronized CompletionStage<Void> saveDraw(WinningNumber number) {
        drawnWith = number;
        return DONE;
    }

    @Override
    public synchronized DrawClaim claimDraw(int agencyCount, WinningNumber number) {
        if (drawnWith != null) {
            return DrawClaim.drawnBefore(drawnWith);
        }
        for (int i = 1; i <= agencyCount; i++) {
            AgencyTally tally = agencies.get(AgencyId.of(i));
            if (tally == null || !tally.done()) {
                return DrawClaim.notYet();
            }
        }
        drawnWith = number;
        return DrawClaim.drawnHere(number);
    }

    @Override
    public synchronized StoredLottery load() {
        return new StoredLottery(agencies, Optional.ofNullable(drawnWith));
    }

    @Override
    public synchronized List<Bet> findByNumber(int number) {
        List<Bet> found = new ArrayList<>();
        for (Bet bet : bets) {
            if (bet.number() == number) {
                found.add(bet);
            }
        }
        return found;
    }

    @Override
    public synchronized long count() {
        return bets.size();
    }
}
