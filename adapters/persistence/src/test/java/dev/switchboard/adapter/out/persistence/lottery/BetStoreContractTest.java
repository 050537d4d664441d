package dev.switchboard.adapter.out.persistence.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.application.port.out.lottery.DrawClaim;
import dev.switchboard.application.port.out.lottery.StoredLottery;
import dev.switchboard.application.port.out.lottery.StoredLottery.AgencyTally;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.WinningNumber;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract every {@link BetStore} keeps; one subclass per adapter. */
public abstract class BetStoreContractTest {

    protected static final AgencyId A1 = AgencyId.of(1);
    protected static final AgencyId A2 = AgencyId.of(2);

    protected abstract BetStore store();

    protected static Bet bet(AgencyId agency, String first, int document, int number) {
        return new Bet(agency, first, "Pérez", document, LocalDate.of(1990, 5, 17), number);
    }

    protected static void await(java.util.concurrent.CompletionStage<Void> stage) throws Exception {
        stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void emptyStore_loadsNothing() {
        assertThat(store().count()).isZero();
        assertThat(store().load()).isEqualTo(StoredLottery.empty());
        assertThat(store().findByNumber(7574)).isEmpty();
    }

    @Test
    void saveBatch_storesEveryBetAndCountsTheBatch() throws Exception {
        await(store().saveBatch(new BetBatch(A1, List.of(bet(A1, "Ana", 1, 7574), bet(A1, "Bruno", 2, 10)))));
        await(store().saveBatch(new BetBatch(A1, List.of(bet(A1, "Carla", 3, 7574)))));
        await(store().saveBatch(new BetBatch(A2, List.of(bet(A2, "Dario", 4, 7574)))));

        assertThat(store().count()).isEqualTo(4);
        assertThat(store().load().agencies())
                .containsEntry(A1, new AgencyTally(3, 2, false))
                .containsEntry(A2, new AgencyTally(1, 1, false));
    }

    @Test
    void findByNumber_returnsBetsInStoredOrderWithEveryField() throws Exception {
        Bet first = new Bet(A2, "Tiago Nicolás", "Agüero", 2_147_483_647, LocalDate.of(2004, 2, 29), 7574);
        await(store().saveBatch(new BetBatch(A2, List.of(first, bet(A2, "Eva", 5, 1)))));
        await(store().saveBatch(new BetBatch(A1, List.of(bet(A1, "Fede", 6, 7574)))));

        assertThat(store().findByNumber(7574)).containsExactly(first, bet(A1, "Fede", 6, 7574));
        assertThat(store().findByNumber(1)).containsExactly(bet(A2, "Eva", 5, 1));
    }

    @Test
    void markDoneAndSaveDraw_areLoadedBack() throws Exception {
        await(store().markDone(A2));
        await(store().saveBatch(new BetBatch(A1, List.of(bet(A1, "Ana", 1, 3)))));
        await(store().markDone(A1));
        await(store().markDone(A1));
        await(store().saveDraw(new WinningNumber(3)));

        StoredLottery loaded = store().load();
        assertThat(loaded.agencies())
                .containsEntry(A1, new AgencyTally(1, 1, true))
                .containsEntry(A2, new AgencyTally(0, 0, true));
        assertThat(loaded.drawnWith()).contains(new WinningNumber(3));
    }

    @Test
    void claimDraw_waitsForEveryAgency_thenDrawsOnce_andThenAnswersTheRecordedNumber() throws Exception {
        assertThat(store().claimDraw(2, new WinningNumber(7574))).isEqualTo(DrawClaim.notYet());
        await(store().markDone(A1));
        await(store().markDone(AgencyId.of(3))); // not one of agencies 1..2: does not count
        assertThat(store().claimDraw(2, new WinningNumber(7574))).isEqualTo(DrawClaim.notYet());
        assertThat(store().load().drawnWith()).isEmpty();

        await(store().markDone(A2));

        assertThat(store().claimDraw(2, new WinningNumber(7574))).isEqualTo(DrawClaim.drawnHere(new WinningNumber(7574)));
        assertThat(store().claimDraw(2, new WinningNumber(1))).isEqualTo(DrawClaim.drawnBefore(new WinningNumber(7574)));
        assertThat(store().load().drawnWith()).contains(new WinningNumber(7574));
    }

    @Test
    void numberedBatches_areLoadedBackWithTheirNumbers() throws Exception {
        await(store().saveBatch(new BetBatch(A1, List.of(bet(A1, "Ana", 1, 3))).numbered(1)));
        await(store().saveBatch(new BetBatch(A1, List.of(bet(A1, "Bea", 2, 3))).numbered(2)));
        await(store().saveBatch(new BetBatch(A2, List.of(bet(A2, "Cid", 3, 3)))));
        await(store().saveBatch(new BetBatch(A2, List.of(bet(A2, "Dan", 4, 3))).numbered(7)));

        StoredLottery loaded = store().load();
        assertThat(loaded.batchNumbers()).containsEntry(A1, java.util.Set.of(1L, 2L))
                .containsEntry(A2, java.util.Set.of(7L));
        assertThat(loaded.agencies()).containsEntry(A2, new AgencyTally(2, 2, false));
    }
}
