package dev.switchboard.application.service.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.port.in.lottery.GetLotteryStatusUseCase.AgencyStatus;
import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.application.port.out.lottery.DrawClaim;
import dev.switchboard.application.port.out.lottery.LotteryEventsPort;
import dev.switchboard.application.port.out.lottery.StoredLottery;
import dev.switchboard.application.port.out.lottery.StoredLottery.AgencyTally;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.DrawResult;
import dev.switchboard.domain.lottery.LotteryRejection;
import dev.switchboard.domain.lottery.WinningNumber;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LotteryServiceTest {

    private static final AgencyId A1 = AgencyId.of(1);
    private static final AgencyId A2 = AgencyId.of(2);

    /** A store whose writes complete when the test says so, in submission order. */
    private static final class ManualStore implements BetStore {
        final List<Bet> bets = new ArrayList<>();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();
        final List<Runnable> effects = new ArrayList<>();
        StoredLottery loaded = StoredLottery.empty();
        WinningNumber drawnWith;

        private CompletionStage<Void> later(Runnable effect) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            pending.add(f);
            effects.add(effect);
            return f;
        }

        void commitAll() {
            while (!pending.isEmpty()) {
                effects.remove(0).run();
                pending.remove(0).complete(null);
            }
        }

        @Override
        public CompletionStage<Void> saveBatch(BetBatch batch) {
            return later(() -> bets.addAll(batch.bets()));
        }

        @Override
        public CompletionStage<Void> markDone(AgencyId agency) {
            return later(() -> { });
        }

        @Override
        public CompletionStage<Void> saveDraw(WinningNumber number) {
            return later(() -> drawnWith = number);
        }

        @Override
        public DrawClaim claimDraw(int agencies, WinningNumber number) {
            throw new AssertionError("a single node draws by itself; only shared stores are asked");
        }

        @Override
        public StoredLottery load() {
            return loaded;
        }

        @Override
        public List<Bet> findByNumber(int number) {
            return bets.stream().filter(b -> b.number() == number).toList();
        }

        @Override
        public long count() {
            return bets.size();
        }
    }

    private static final class CountingEvents implements LotteryEventsPort {
        final AtomicInteger drawn = new AtomicInteger();
        final AtomicInteger restored = new AtomicInteger();
        final AtomicInteger repeated = new AtomicInteger();
        final List<String> batches = new ArrayList<>();

        @Override
        public void batchRepeated(AgencyId agency, long batchNumber) {
            repeated.incrementAndGet();
        }

        @Override
        public void betsStored(int count) {
            batches.add("stored " + count);
        }

        @Override
        public void betsRefused(int count, String reason) {
            batches.add("refused " + count + ": " + reason);
        }

        @Override
        public void drawn(DrawResult result) {
            drawn.incrementAndGet();
        }

        @Override
        public void restored(DrawResult result) {
            restored.incrementAndGet();
        }

        @Override
        public void drawFailed(Throwable cause) {
            throw new AssertionError(cause);
        }
    }

    private final ManualStore store = new ManualStore();
    private final CountingEvents events = new CountingEvents();
    private final LotteryService service = new LotteryService(store, 2, new WinningNumber(7574), events, Runnable::run);

    private static BetBatch batch(AgencyId agency, int... numbers) {
        List<Bet> bets = new ArrayList<>();
        for (int i = 0; i < numbers.length; i++) {
            bets.add(new Bet(agency, "Ana", "Lorca", agency.value() * 100 + i, LocalDate.of(1990, 1, 1), numbers[i]));
        }
        return new BetBatch(agency, bets);
    }

    @Test
    void everyBatch_isToldOnce_storedAfterItsCommit_refusedWithItsReason() throws Exception {
        CompletionStage<Void> first = service.store(batch(A1, 1, 2));
        assertThat(events.batches).isEmpty();
        store.commitAll();
        service.markDone(A2);
        assertThatThrownBy(() -> service.store(batch(A2, 3))).isInstanceOf(LotteryRejection.class);
        service.refuse(4, "bet 2: bad birthdate");

        assertThat(first.toCompletableFuture()).isCompleted();
        assertThat(events.batches).containsExactly("stored 2", "refused 1: agency 2 is done",
                "refused 4: bet 2: bad birthdate");
    }

    @Test
    void aBatchTheStoreCannotTake_isToldAsRefused() throws Exception {
        CompletionStage<Void> saved = service.store(batch(A1, 1));
        store.pending.remove(0).completeExceptionally(new IllegalStateException("disk full"));
        store.effects.remove(0);

        assertThat(saved.toCompletableFuture()).isCompletedExceptionally();
        assertThat(events.batches).containsExactly("refused 1: storage failed");
    }

    @Test
    void endAnswers_areHeldUntilTheLastAgencyIsDone_thenDrawnOnce() throws Exception {
        service.store(batch(A1, 7574, 1, 7574));
        service.store(batch(A2, 5));
        CompletableFuture<List<Integer>> first = service.markDone(A1).toCompletableFuture();
        store.commitAll();
        assertThat(first).isNotDone();
        assertThat(service.winners(A1)).isEmpty();

        CompletableFuture<List<Integer>> second = service.markDone(A2).toCompletableFuture();
        assertThat(second).isNotDone();
        store.commitAll(); // the done of A2, then the draw record
        store.commitAll();

        assertThat(first).isCompletedWithValue(List.of(100, 102));
        assertThat(second).isCompletedWithValue(List.of());
        assertThat(service.winners(A1)).contains(List.of(100, 102));
        assertThat(events.drawn).hasValue(1);
        assertThat(store.drawnWith).isEqualTo(new WinningNumber(7574));
    }

    @Test
    void aBatchSubmittedBeforeTheLastDone_isInTheDraw() throws Exception {
        service.markDone(A1);
        store.commitAll();
        service.store(batch(A2, 7574));   // not yet committed
        CompletableFuture<List<Integer>> done = service.markDone(A2).toCompletableFuture();
        store.commitAll();
        store.commitAll();

        assertThat(done).isCompletedWithValue(List.of(200));
    }

    @Test
    void batchesAfterDone_areRefused_evenBeforeTheDoneIsCommitted() throws Exception {
        service.markDone(A1);

        assertThatThrownBy(() -> service.store(batch(A1, 1))).isInstanceOf(LotteryRejection.class)
                .hasMessage("agency 1 is done");
        store.commitAll();
        assertThatThrownBy(() -> service.store(batch(A1, 1))).hasMessage("agency 1 is done");
    }

    @Test
    void unknownAgency_isRefusedEverywhere() {
        AgencyId a3 = AgencyId.of(3);
        assertThatThrownBy(() -> service.store(batch(a3, 1))).isInstanceOf(LotteryRejection.class);
        assertThatThrownBy(() -> service.markDone(a3)).isInstanceOf(LotteryRejection.class);
        assertThatThrownBy(() -> service.winners(a3)).isInstanceOf(LotteryRejection.class);
    }

    @Test
    void doneTwice_andDoneAfterTheDraw_getTheSameWinners() throws Exception {
        service.store(batch(A1, 7574));
        CompletableFuture<List<Integer>> once = service.markDone(A1).toCompletableFuture();
        CompletableFuture<List<Integer>> twice = service.markDone(A1).toCompletableFuture();
        service.markDone(A2);
        store.commitAll();
        store.commitAll();

        assertThat(once).isCompletedWithValue(List.of(100));
        assertThat(twice).isCompletedWithValue(List.of(100));
        assertThat(service.markDone(A1).toCompletableFuture()).isCompletedWithValue(List.of(100));
        assertThat(events.drawn).hasValue(1);
    }

    @Test
    void status_listsEveryAgencyFromTheStart_andCountsCommittedBatches() throws Exception {
        assertThat(service.status().agencies()).extracting(AgencyStatus::agency).containsExactly(1, 2);
        assertThat(service.status().totalBets()).isZero();

        service.store(batch(A2, 1, 2, 3));
        assertThat(service.status().totalBets()).isZero();
        store.commitAll();

        assertThat(service.status().totalBets()).isEqualTo(3);
        assertThat(service.status().agencies().get(1)).isEqualTo(new AgencyStatus(2, 3, 1, false, List.of()));
    }

    @Test
    void restore_bringsBackARecordedDraw_withoutLoggingANewOne() throws Exception {
        store.bets.addAll(batch(A1, 42).bets());
        store.loaded = new StoredLottery(Map.of(A1, new AgencyTally(1, 1, true)), Optional.of(new WinningNumber(42)));

        service.restore();

        assertThat(service.winners(A1)).contains(List.of(100));
        assertThat(service.status().drawDone()).isTrue();
        assertThat(service.status().winningNumber()).isEqualTo(42);
        assertThat(events.restored).hasValue(1);
        assertThat(events.drawn).hasValue(0);
    }

    @Test
    void restore_drawsAtOnce_whenEveryAgencyWasDoneButTheDrawWasNotRecorded() {
        store.bets.addAll(batch(A2, 7574).bets());
        store.loaded = new StoredLottery(Map.of(A1, new AgencyTally(0, 0, true), A2, new AgencyTally(1, 1, true)),
                Optional.empty());

        service.restore();
        store.commitAll();

        assertThat(events.drawn).hasValue(1);
        assertThat(service.status().agencies().get(1).winners()).containsExactly(200);
    }

    @Test
    void aNumberedBatchSentAgain_isAnsweredWithoutStoringItTwice() throws Exception {
        CompletableFuture<Void> first = service.store(batch(A1, 7574).numbered(1)).toCompletableFuture();
        CompletableFuture<Void> resentWhileStoring = service.store(batch(A1, 7574).numbered(1)).toCompletableFuture();
        assertThat(store.pending).hasSize(1);
        assertThat(resentWhileStoring).isNotDone();
        store.commitAll();
        assertThat(first).isCompleted();
        assertThat(resentWhileStoring).isCompleted();

        CompletableFuture<Void> resentAfter = service.store(batch(A1, 7574).numbered(1)).toCompletableFuture();
        assertThat(resentAfter).isCompleted();
        assertThat(store.pending).isEmpty();
        service.store(batch(A1, 7574).numbered(2));
        store.commitAll();

        assertThat(store.bets).hasSize(2);
        assertThat(service.status().agencies().get(0)).isEqualTo(new AgencyStatus(1, 2, 2, false, List.of()));
        assertThat(events.repeated).hasValue(2);
    }

    @Test
    void aNumberedBatchWhoseStoreFailed_isStoredWhenSentAgain() throws Exception {
        CompletableFuture<Void> failed = service.store(batch(A1, 1).numbered(5)).toCompletableFuture();
        store.effects.remove(0);
        store.pending.remove(0).completeExceptionally(new IllegalStateException("disk full"));
        assertThat(failed).isCompletedExceptionally();

        service.store(batch(A1, 1).numbered(5));
        assertThat(store.pending).hasSize(1);
        store.commitAll();
        assertThat(store.bets).hasSize(1);
    }

    @Test
    void aStoredBatchNumber_isRemembered_afterARestore_andEvenAfterDone() throws Exception {
        store.loaded = new StoredLottery(Map.of(A1, new AgencyTally(1, 1, true)), Optional.empty(),
                Map.of(A1, java.util.Set.of(3L)));
        service.restore();

        assertThat(service.store(batch(A1, 1).numbered(3)).toCompletableFuture()).isCompleted();
        assertThat(store.pending).isEmpty();
        assertThatThrownBy(() -> service.store(batch(A1, 1).numbered(4))).isInstanceOf(LotteryRejection.class);
    }
}
