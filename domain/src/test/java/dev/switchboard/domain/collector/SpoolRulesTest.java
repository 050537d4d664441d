package dev.switchboard.domain.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpoolRulesTest {

    @Test
    void periodAt_defaultRotation_isWholeMinutesSinceTheEpoch() {
        SpoolPeriod period = Rotation.MINUTE.periodAt(Instant.parse("2020-07-24T10:56:00Z"));

        assertThat(period.number()).isEqualTo(26593136L);
        assertThat(period.dataFile().fileName()).isEqualTo("26593136.dat");
        assertThat(period.lockFile().fileName()).isEqualTo("26593136.dat.lock");
        assertThat(Rotation.MINUTE.periodAt(Instant.parse("2020-07-24T10:56:59.999999999Z")).number())
                .isEqualTo(26593136L);
        assertThat(Rotation.MINUTE.periodAt(Instant.parse("2020-07-24T10:57:00Z")).number()).isEqualTo(26593137L);
    }

    @Test
    void periodAt_rotationOfTwoSeconds_countsTwoSecondUnits() {
        Rotation rotation = Rotation.ofSeconds(2);
        SpoolPeriod period = rotation.periodAt(Instant.ofEpochSecond(1001, 500));

        assertThat(period.number()).isEqualTo(500);
        assertThat(period.start()).isEqualTo(Instant.ofEpochSecond(1000));
        assertThat(period.end()).isEqualTo(Instant.ofEpochSecond(1002));
        assertThat(period.isOverAt(Instant.ofEpochSecond(1001, 999_999_999))).isFalse();
        assertThat(period.isOverAt(Instant.ofEpochSecond(1002))).isTrue();
    }

    @Test
    void rotation_mustBePositive() {
        assertThatThrownBy(() -> Rotation.ofSeconds(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_acceptsCanonicalDataAndLockNames() {
        assertThat(SpoolName.parse("26593136.dat")).contains(SpoolName.data(26593136));
        assertThat(SpoolName.parse("26593136.dat.lock")).contains(SpoolName.lock(26593136));
        assertThat(SpoolName.parse("0.dat")).contains(SpoolName.data(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".dat", ".dat.lock", "abc.dat", "12a.dat", "-1.dat", "+1.dat", "01.dat",
        "1.dat.tmp", "1.DAT", "1.lock", "../1.dat", "sub/1.dat", "1 .dat", "1234567890123456789.dat",
        "1.dat.lock.lock", "notes.txt", "1.dat~"})
    void parse_refusesEveryOtherName(String name) {
        assertThat(SpoolName.parse(name)).isEmpty();
    }

    @Test
    void ready_isEveryDataFileWithoutItsLock_oldestFirst() {
        SpoolListing listing = SpoolListing.of(List.of(
                SpoolName.data(12), SpoolName.data(10), SpoolName.lock(12), SpoolName.data(11), SpoolName.lock(13)));

        assertThat(listing.ready()).containsExactly(10L, 11L);
        assertThat(listing.locks()).containsExactly(12L, 13L);
    }

    @Test
    void staleLocksAt_isEveryLockButTheCurrentPeriods() {
        SpoolListing listing = SpoolListing.of(List.of(SpoolName.lock(5), SpoolName.lock(9), SpoolName.lock(10),
                SpoolName.lock(11), SpoolName.data(5)));

        assertThat(listing.staleLocksAt(10)).containsExactly(5L, 9L, 11L);
        assertThat(listing.staleLocksAt(10)).doesNotContain(10L);
    }

    @Test
    void sample_recordIsValueSpaceEpochNanosNewline() {
        Sample sample = Sample.at(Instant.parse("2020-07-24T10:56:00.123456789Z"), 7);

        assertThat(sample.record()).isEqualTo("7 1595588160123456789\n");
        assertThat(Sample.parse(sample.record())).isEqualTo(sample);
        assertThat(sample.instant()).isEqualTo(Instant.parse("2020-07-24T10:56:00.123456789Z"));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10, 42})
    void sample_valueIsZeroToNine(int value) {
        assertThatThrownBy(() -> new Sample(value, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "7 ", "77 1", "7 1 2", "x 1", "7 y"})
    void sampleParse_refusesMalformedRecords(String record) {
        assertThatThrownBy(() -> Sample.parse(record)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchId_isVisibleAsciiUpTo255() {
        assertThat(BatchId.of("26593136.dat").value()).isEqualTo("26593136.dat");
        assertThat(BatchId.of("x".repeat(255)).value()).hasSize(255);
        for (String bad : new String[] {"", "a b", "a\nb", "x".repeat(256), "é"}) {
            assertThatThrownBy(() -> BatchId.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Optional.of(BatchId.of("a")).map(BatchId::toString)).contains("a");
    }
}
