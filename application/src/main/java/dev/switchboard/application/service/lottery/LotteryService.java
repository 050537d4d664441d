package dev.switchboard.application.service.lottery;

import dev.switchboard.application.port.in.lottery.GetLotteryStatusUseCase;
import dev.switchboard.application.port.in.lottery.MarkAgencyDoneUseCase;
import dev.switchboard.application.port.in.lottery.QueryWinnersUseCase;
import dev.switchboard.application.port.in.lottery.StoreBatchUseCase;
import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.application.port.out.lottery.DrawClaim;
import dev.switchboard.application.port.out.lottery.LotteryEventsPort;
import dev.switchboard.application.port.out.lottery.StoredLottery;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.DrawResult;
import dev.switchboard.domain.lottery.Lottery;
import dev.switchboard.domain.lottery.LotteryRejection;
import dev.switchboard.domain.lottery.WinningNumber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Service: the lottery use cases over a {@link BetStore}.
 *
 * <p>Ordering is what makes the draw complete: a batch is accepted and submitted to the store
 * under the same lock as an agency's "done", and the store completes writes in submission
 * order, so by the time the last "done" is committed every batch accepted before it is
 * committed too, and the draw (run on {@code drawExecutor}, never on the caller's thread) sees
 * them all. Exactly one draw happens; every held "done" answer completes from it.
 *
 * <p>With several nodes on one database ({@link #watchSharedDraw}) no node knows every agency:
 * the barrier and the draw are the store's ({@link BetStore#claimDraw}, one transaction), asked
 * after each of this node's own "done"s and every poll period until the draw exists. The one
 * node the store lets draw logs the draw; every other node takes the recorded number, finds
 * the same winners in the shared bets, and answers its held "done"s.
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
    private final Map<AgencyId, NumberedBatches> numberedBatches = new HashMap<>();
    private long[] bets;
    private long[] batches;
    private long otherBets;
    private boolean drawing;
    private boolean shared;
    private volatile ScheduledFuture<?> watch;

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
            numberedBatches.clear();
            stored.batchNumbers().forEach((agency, numbers) -> numbered(agency).stored.addAll(numbers));
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
            drawExecutor.execute(shared ? this::drawShared : this::draw);
        }
    }

    private void markDoneQuietly(AgencyId agency) {
        try {
            lottery.markDone(agency);
        } catch (LotteryRejection e) {
            // unreachable: the agency is known
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A numbered batch whose number this agency already stored completes at once without
     * storing it again; one whose number is still being stored completes with that store. So an
     * agency that lost an answer may resend the batch, even after it said it is done.
     */
    @Override
    public CompletionStage<Void> store(BetBatch batch) throws LotteryRejection {
        Objects.requireNonNull(batch, "'batch' must not be null");
        AgencyId agency = batch.agency();
        CompletionStage<Void> saved;
        synchronized (lock) {
            try {
                lottery.checkKnown(agency);
                if (batch.batchNumber().isPresent()) {
                    long number = batch.batchNumber().getAsLong();
                    CompletionStage<Void> earlier = numbered(agency).earlier(number);
                    if (earlier != null) {
                        events.batchRepeated(agency, number);
                        return told(batch, earlier);
                    }
                }
                lottery.checkAcceptsBatch(agency);
                if (doneInFlight.contains(agency)) {
                    throw new LotteryRejection("agency " + agency + " is done");
                }
            } catch (LotteryRejection r) {
                events.betsRefused(batch.size(), r.reason());
                throw r;
            }
            saved = store.saveBatch(batch);
            if (batch.batchNumber().isPresent()) {
                saved = numbered(agency).storing(batch.batchNumber().getAsLong(), saved.toCompletableFuture());
            }
        }
        return told(batch, saved.thenRun(() -> {
            synchronized (lock) {
                bets[agency.value()] += batch.size();
                batches[agency.value()]++;
            }
        }));
    }

    /** The batch's event line once its store settles: stored, or refused because storage failed. */
    private CompletionStage<Void> told(BetBatch batch, CompletionStage<Void> saved) {
        return saved.whenComplete((ok, failure) -> {
            if (failure == null) {
                events.betsStored(batch.size());
            } else {
                events.betsRefused(batch.size(), "storage failed");
            }
        });
    }

    // Holds the lock.
    private NumberedBatches numbered(AgencyId agency) {
        return numberedBatches.computeIfAbsent(agency, a -> new NumberedBatches());
    }

    /**
     * One agency's batch numbers: those stored, and those being stored (a resend joins the first
     * store; if that store fails the number is forgotten, so a later resend stores it).
     * Guarded by the service's lock.
     */
    private final class NumberedBatches {
        final Set<Long> stored = new HashSet<>();
        final Map<Long, CompletableFuture<Void>> storing = new HashMap<>();

        CompletionStage<Void> earlier(long number) {
            if (stored.contains(number)) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> pending = storing.get(number);
            return pending == null ? null : pending.thenApply(v -> null);
        }

        CompletionStage<Void> storing(long number, CompletableFuture<Void> saved) {
            storing.put(number, saved);
            return saved.whenComplete((ok, failure) -> {
                synchronized (lock) {
                    storing.remove(number);
                    if (failure == null) {
                        stored.add(number);
                    }
                }
            });
        }
    }

    @Override
    public void refuse(int count, String reason) {
        events.betsRefused(count, reason);
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
                due = (shared || lottery.allDone()) && !drawing && !drawn.isDone();
                drawing |= due;
            }
        }
        if (due) {
            drawExecutor.execute(shared ? this::drawShared : this::draw);
        }
    }

    /**
     * Several nodes share the store: from now on the barrier and the draw are the store's, and
     * every {@code every} this node asks it (on the draw executor) until the draw exists, so a
     * draw made by another node reaches this node's held answers within about one period.
     */
    public void watchSharedDraw(ScheduledExecutorService timer, Duration every) {
        synchronized (lock) {
            shared = true;
        }
        long nanos = every.toNanos();
        watch = timer.scheduleWithFixedDelay(this::pollSharedDraw, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void pollSharedDraw() {
        if (drawn.isDone()) {
            ScheduledFuture<?> running = watch;
            if (running != null) {
                running.cancel(false);
            }
            return;
        }
        boolean due;
        synchronized (lock) {
            due = !drawing;
            drawing |= due;
        }
        if (due) {
            drawExecutor.execute(this::drawShared);
        }
    }

    /** One question to the shared store: draw here, take the draw made elsewhere, or wait. */
    private void drawShared() {
        DrawClaim claim;
        DrawResult result;
        try {
            WinningNumber number;
            synchronized (lock) {
                number = lottery.winningNumber();
            }
            claim = store.claimDraw(agencies, number);
            if (claim.kind() == DrawClaim.Kind.NOT_YET) {
                synchronized (lock) {
                    drawing = false;
                }
                return;
            }
            WinningNumber drawnWith = claim.number().orElseThrow();
            List<Bet> candidates = store.findByNumber(drawnWith.value());
            synchronized (lock) {
                if (drawn.isDone()) {
                    // restored meanwhile
                    drawing = false;
                    return;
                }
                if (!drawnWith.equals(lottery.winningNumber())) {
                    // another node drew with its --winner-number: the recorded one is the draw
                    Set<AgencyId> done = lottery.doneAgencies();
                    lottery = Lottery.open(agencies, drawnWith);
                    done.forEach(this::markDoneQuietly);
                }
                result = lottery.restoreDrawn(candidates);
            }
        } catch (RuntimeException e) {
            // the database is away: held answers wait, the next poll asks again
            synchronized (lock) {
                drawing = false;
            }
            events.drawFailed(e);
            return;
        }
        if (claim.kind() == DrawClaim.Kind.DRAWN_HERE) {
            events.drawn(result);
        } else {
            events.drawnElsewhere(result);
        }
        drawn.complete(result);
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
        boolean fromStore;
        synchronized (lock) {
            fromStore = shared;
        }
        if (fromStore) {
            return sharedStatus(result);
        }
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

    /** Every node's figures, as the shared store holds them. */
    private LotteryStatus sharedStatus(DrawResult result) {
        StoredLottery stored = store.load();
        List<AgencyStatus> rows = new ArrayList<>(agencies);
        long total = 0;
        for (StoredLottery.AgencyTally tally : stored.agencies().values()) {
            total += tally.bets();
        }
        for (int i = 1; i <= agencies; i++) {
            AgencyId id = AgencyId.of(i);
            StoredLottery.AgencyTally tally = stored.agencies().getOrDefault(id, new StoredLottery.AgencyTally(0, 0, false));
            rows.add(new AgencyStatus(i, tally.bets(), tally.batches(), tally.done(),
                    result == null ? List.of() : result.winnersOf(id)));
        }
        int number;
        synchronized (lock) {
            number = lottery.winningNumber().value();
        }
        return new LotteryStatus(total, result != null, number, rows);
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
