package dev.switchboard.application.service.lottery;

import dev.switchboard.application.port.in.lottery.GetLotteryStatusUseCase;
import dev.switchboard.application.port.in.lottery.MarkAgencyDoneUseCase;
import dev.switchboard.application.port.in.lottery.QueryWinnersUseCase;
import dev.switchboard.application.port.in.lottery.StoreBatchUseCase;
import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.application.port.out.lottery.LotteryEventsPort;
import dev.switchboard.application.port.out.lottery.StoredLottery;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.DrawResult;
import dev.switchboard.domain.lottery.Lottery;
import dev.switchboard.domain.lottery.LotteryRejection;
import dev.switchboard.domain.lottery.WinningNumber;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Service: the lottery use cases over a {@link BetStore}.
 *
 * <p>Ordering is what makes the draw complete: a batch is accepted and submitted to the store
 * under the same lock as an agency's "done", and the store completes writes in submission
 * order, so by the time the last "done" is committed every batch accepted before it is
 * committed too, and the draw (run on {@code drawExecutor}, never on the caller's thread) sees
 * them all. Exactly one draw happens; every held "done" answer completes from it.
 */
public final class LotteryService
        implements StoreBatchUseCase, MarkAgencyDoneUseCase, QueryWinnersUseCase, GetLotteryStatusUseCase {

    private final BetStore store;
    private final int agencies;
    private final WinningNumber configuredNumber;
    private final LotteryEventsPort events;
    private final Executor drawExecutor;
    private final CompletableFuture<DrawResult> drawn = new CompletableFuture<>();

    private final Object lock = new Object();
    private Lottery lottery;
    private final Set<AgencyId> doneInFlight = new HashSet<>();
    private long[] bets;
    private long[] batches;
    private long otherBets;
    private boolean drawing;

    public LotteryService(BetStore store, int agencies, WinningNumber winningNumber, LotteryEventsPort events,
                          Executor drawExecutor) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.configuredNumber = Objects.requireNonNull(winningNumber, "'winningNumber' must not be null");
        this.events = Objects.requireNonNull(events, "'events' must not be null");
        this.drawExecutor = Objects.requireNonNull(drawExecutor, "'drawExecutor' must not be null");
        this.agencies = agencies;
        this.lottery = Lottery.open(agencies, winningNumber);
        this.bets = new long[agencies + 1];
        this.batches = new long[agencies + 1];
    }

    /**
     * Loads what the store holds (after a restart): figures, done agencies and the draw. A draw
     * that happened stays as it was, even under another winning number; if every agency was
     * done but the draw was not recorded, it happens now.
     */
    public void restore() {
        StoredLottery stored = store.load();
        boolean due;
        synchronized (lock) {
            lottery = Lottery.open(agencies, stored.drawnWith().orElse(configuredNumber));
            stored.agencies().forEach((agency, tally) -> {
                if (lottery.knows(agency)) {
                    bets[agency.value()] = tally.bets();
                    batches[agency.value()] = tally.batches();
                    if (tally.done()) {
                        markDoneQuietly(agency);
                    }
                } else {
                    otherBets += tally.bets();
                }
            });
            if (stored.drawnWith().isPresent()) {
                DrawResult result = lottery.restoreDrawn(store.findByNumber(lottery.winningNumber().value()));
                events.restored(result);
                drawn.complete(result);
                return;
            }
            due = lottery.allDone() && !drawing;
            drawing = due;
        }
        if (due) {
            drawExecutor.execute(this::draw);
        }
    }

    private void markDoneQuietly(AgencyId agency) {
        try {
            lottery.markDone(agency);
        } catch (LotteryRejection e) {
            // unreachable: the agency is known
        }
    }

    @Override
    public CompletionStage<Void> store(BetBatch batch) throws LotteryRejection {
        Objects.requireNonNull(batch, "'batch' must not be null");
        CompletionStage<Void> saved;
        synchronized (lock) {
            lottery.checkAcceptsBatch(batch.agency());
            if (doneInFlight.contains(batch.agency())) {
                throw new LotteryRejection("agency " + batch.agency() + " is done");
            }
            saved = store.saveBatch(batch);
        }
        return saved.thenRun(() -> {
            synchronized (lock) {
                bets[batch.agency().value()] += batch.size();
                batches[batch.agency().value()]++;
            }
        });
    }

    @Override
    public CompletionStage<List<Integer>> markDone(AgencyId agency) throws LotteryRejection {
        Objects.requireNonNull(agency, "'agency' must not be null");
        CompletionStage<Void> recorded;
        synchronized (lock) {
            lottery.checkKnown(agency);
            if (lottery.isDone(agency) || doneInFlight.contains(agency) || drawn.isDone()) {
                return winnersAtDraw(agency);
            }
            doneInFlight.add(agency);
            recorded = store.markDone(agency);
        }
        return recorded.whenComplete((ok, failure) -> afterDoneRecorded(agency, failure))
                .thenCompose(ok -> winnersAtDraw(agency));
    }

    private void afterDoneRecorded(AgencyId agency, Throwable failure) {
        boolean due = false;
        synchronized (lock) {
            doneInFlight.remove(agency);
            if (failure == null) {
                markDoneQuietly(agency);
                due = lottery.allDone() && !drawing && !drawn.isDone();
                drawing |= due;
            }
        }
        if (due) {
            drawExecutor.execute(this::draw);
        }
    }

    private CompletionStage<List<Integer>> winnersAtDraw(AgencyId agency) {
        return drawn.thenApply(result -> result.winnersOf(agency));
    }

    private void draw() {
        DrawResult result;
        try {
            int number;
            synchronized (lock) {
                number = lottery.winningNumber().value();
            }
            var candidates = store.findByNumber(number);
            synchronized (lock) {
                result = lottery.draw(candidates);
            }
        } catch (RuntimeException e) {
            synchronized (lock) {
                drawing = false;
            }
            events.drawFailed(e);
            drawn.completeExceptionally(e);
            return;
        }
        // The result follows from stored bets and the number: if recording it fails, a restart
        // draws the same result again, so the answers may go out either way.
        store.saveDraw(result.number()).whenComplete((ok, failure) -> {
            if (failure != null) {
                events.drawFailed(failure);
            }
            events.drawn(result);
            drawn.complete(result);
        });
    }

    @Override
    public Optional<List<Integer>> winners(AgencyId agency) throws LotteryRejection {
        Objects.requireNonNull(agency, "'agency' must not be null");
        synchronized (lock) {
            lottery.checkKnown(agency);
        }
        if (!drawn.isDone() || drawn.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(drawn.join().winnersOf(agency));
    }

    @Override
    public LotteryStatus status() {
        DrawResult result = drawn.isDone() && !drawn.isCompletedExceptionally() ? drawn.join() : null;
        synchronized (lock) {
            List<AgencyStatus> rows = new ArrayList<>(agencies);
            long total = otherBets;
            for (int i = 1; i <= agencies; i++) {
                AgencyId id = AgencyId.of(i);
                total += bets[i];
                rows.add(new AgencyStatus(i, bets[i], batches[i], lottery.isDone(id),
                        result == null ? List.of() : result.winnersOf(id)));
            }
            return new LotteryStatus(total, result != null, lottery.winningNumber().value(), rows);
        }
    }

    /** How many bets are stored in all. */
    public long totalBets() {
        return status().totalBets();
    }

    /** Whether the draw has happened (or was brought back from storage). */
    public boolean drawDone() {
        return drawn.isDone() && !drawn.isCompletedExceptionally();
    }
}
