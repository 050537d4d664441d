package dev.switchboard.domain.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BetTest {

    private static final AgencyId AGENCY = AgencyId.of(1);
    private static final LocalDate BIRTH = LocalDate.of(1999, 3, 17);

    @Test
    void validBet_keepsEveryField() {
        Bet bet = new Bet(AGENCY, "Tiago Nicolás", "Agüero", 30_904_465, BIRTH, 2201);

        assertThat(bet.firstName()).isEqualTo("Tiago Nicolás");
        assertThat(bet.birthdateText()).isEqualTo("1999-03-17");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a;b", "tab\there", "nul\0", "line\nbreak", "ÁÉÍÓÚÁÉÍÓÚÁÉÍ"})
    void badFirstName_isRefused(String name) {
        assertThatThrownBy(() -> new Bet(AGENCY, name, "Lorca", 1, BIRTH, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nameOfExactly24Bytes_isAccepted_25_isNot() {
        String twelveTwoByte = "ÁÁÁÁÁÁÁÁÁÁÁÁ";
        assertThat(new Bet(AGENCY, twelveTwoByte, "x".repeat(24), 1, BIRTH, 1).firstName()).isEqualTo(twelveTwoByte);
        assertThatThrownBy(() -> new Bet(AGENCY, "x".repeat(25), "Lorca", 1, BIRTH, 1))
                .hasMessageContaining("24 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_000, Integer.MIN_VALUE})
    void numberOutsideRange_isRefused(int number) {
        assertThatThrownBy(() -> new Bet(AGENCY, "Ana", "Lorca", 1, BIRTH, number))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeDocument_isRefused() {
        assertThatThrownBy(() -> new Bet(AGENCY, "Ana", "Lorca", -5, BIRTH, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999-02-29", "1999-13-01", "99-01-01", "1999/01/01", "+1999-01-1", "1999-1-01", ""})
    void parseBirthdate_refusesWhatIsNotARealIsoDate(String text) {
        assertThatThrownBy(() -> Bet.parseBirthdate(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseBirthdate_readsALeapDay() {
        assertThat(Bet.parseBirthdate("2004-02-29")).isEqualTo(LocalDate.of(2004, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "12a", "2147483648", "99999999999", " 1"})
    void parseDocument_refusesWhatIsNotAnInt32OfDigits(String text) {
        assertThatThrownBy(() -> Bet.parseDocument(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseDocument_readsTheLargestInt32() {
        assertThat(Bet.parseDocument("2147483647")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void batch_refusesABetOfAnotherAgencyAndEmptiness() {
        Bet other = new Bet(AgencyId.of(2), "Ana", "Lorca", 1, BIRTH, 1);
        assertThatThrownBy(() -> new BetBatch(AGENCY, List.of(other)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BetBatch(AGENCY, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
