package dev.switchboard.domain.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LotteryTest {

    private static final AgencyId A1 = AgencyId.of(1);
    private static final AgencyId A2 = AgencyId.of(2);
    private static final AgencyId A3 = AgencyId.of(3);

    private static Bet bet(AgencyId agency, int document, int number) {
        return new Bet(agency, "Ana", "Lorca", document, LocalDate.of(1990, 1, 1), number);
    }

    @Test
    void draw_waitsForEveryAgency() throws Exception {
        Lottery lottery = Lottery.open(3, WinningNumber.DEFAULT);

        assertThat(lottery.markDone(A1)).isFalse();
        assertThat(lottery.markDone(A1)).isFalse();
        assertThat(lottery.markDone(A3)).isFalse();
        assertThatThrownBy(() -> lottery.draw(List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(lottery.markDone(A2)).isTrue();
        assertThat(lottery.phase()).isEqualTo(Lottery.Phase.COLLECTING);
    }

    @Test
    void draw_groupsWinnersByAgencyInStoredOrder_andHappensOnce() throws Exception {
        Lottery lottery = Lottery.open(2, new WinningNumber(7574));
        lottery.markDone(A1);
        lottery.markDone(A2);

        DrawResult result = lottery.draw(List.of(bet(A2, 20, 7574), bet(A1, 11, 7574), bet(A1, 12, 1), bet(A1, 13, 7574)));

        assertThat(result.winnersOf(A1)).containsExactly(11, 13);
        assertThat(result.winnersOf(A2)).containsExactly(20);
        assertThat(result.total()).isEqualTo(3);
        assertThat(lottery.phase()).isEqualTo(Lottery.Phase.DRAWN);
        assertThat(lottery.result()).contains(result);
        assertThatThrownBy(() -> lottery.draw(List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void agencyWithoutWinners_getsAnEmptyList() throws Exception {
        Lottery lottery = Lottery.open(1, new WinningNumber(5));
        lottery.markDone(A1);

        assertThat(lottery.draw(List.of(bet(A1, 1, 6))).winnersOf(A1)).isEmpty();
    }

    @Test
    void batches_areRefusedFromUnknownOrDoneAgenciesAndAfterTheDraw() throws Exception {
        Lottery lottery = Lottery.open(2, WinningNumber.DEFAULT);
        lottery.checkAcceptsBatch(A1);

        assertThatThrownBy(() -> lottery.checkAcceptsBatch(A3)).isInstanceOf(LotteryRejection.class)
                .hasMessageContaining("unknown agency 3");
        lottery.markDone(A1);
        assertThatThrownBy(() -> lottery.checkAcceptsBatch(A1)).hasMessage("agency 1 is done");
        lottery.markDone(A2);
        lottery.draw(List.of());
        assertThatThrownBy(() -> lottery.checkAcceptsBatch(A2)).hasMessage("draw done");
    }

    @Test
    void markDone_refusesAnUnknownAgency() {
        Lottery lottery = Lottery.open(2, WinningNumber.DEFAULT);

        assertThatThrownBy(() -> lottery.markDone(A3)).isInstanceOf(LotteryRejection.class);
    }

    @Test
    void restoreDrawn_bringsBackADrawEvenWithAgenciesMissing() {
        Lottery lottery = Lottery.open(3, new WinningNumber(1));

        DrawResult result = lottery.restoreDrawn(List.of(bet(A2, 7, 1)));

        assertThat(result.winnersOf(A2)).containsExactly(7);
        assertThat(lottery.phase()).isEqualTo(Lottery.Phase.DRAWN);
    }

    @Test
    void winningNumber_isWithinTheBetRange() {
        assertThatThrownBy(() -> new WinningNumber(10_000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new WinningNumber(7574).wins(bet(A1, 1, 7574))).isTrue();
        assertThat(new WinningNumber(7574).wins(bet(A1, 1, 7575))).isFalse();
    }
}
