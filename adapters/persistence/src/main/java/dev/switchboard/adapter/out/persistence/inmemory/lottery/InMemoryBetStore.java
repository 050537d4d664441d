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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Persistence adapter: the batches as they came, each one a set of columns (a batch is already
 * kept column by column, so storing it is one list append, not a copy per bet); the draw's
 * progress in fields. Every write completes at once. {@link #findByNumber} scans the number
 * columns and makes a {@link Bet} only for the bets that match.
 */
public final class InMemoryBetStore implements BetStore {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final List<BetBatch> batches = new ArrayList<>();
    private final Map<AgencyId, AgencyTally> agencies = new TreeMap<>();
    private final Map<AgencyId, Set<Long>> batchNumbers = new TreeMap<>();
    private long count;
    private WinningNumber drawnWith;

    @Override
    public synchronized CompletionStage<Void> saveBatch(BetBatch batch) {
        batches.add(batch);
        count += batch.size();
        AgencyTally was = agencies.getOrDefault(batch.agency(), new AgencyTally(0, 0, false));
        agencies.put(batch.agency(), new AgencyTally(was.bets() + batch.size(), was.batches() + 1, was.done()));
        batch.batchNumber().ifPresent(n -> batchNumbers.computeIfAbsent(batch.agency(), a -> new TreeSet<>()).add(n));
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
        return new StoredLottery(agencies, Optional.ofNullable(drawnWith), batchNumbers);
    }

    @Override
    public synchronized List<Bet> findByNumber(int number) {
        List<Bet> found = new ArrayList<>();
        for (BetBatch batch : batches) {
            for (int i = 0, n = batch.size(); i < n; i++) {
                if (batch.number(i) == number) {
                    found.add(batch.bet(i));
                }
            }
        }
        return found;
    }

    @Override
    public synchronized long count() {
        return count;
    }
}
