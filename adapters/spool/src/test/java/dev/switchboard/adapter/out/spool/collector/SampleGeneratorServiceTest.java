package dev.switchboard.adapter.out.spool.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.service.collector.SampleGeneratorService;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.Sample;
import dev.switchboard.domain.collector.SamplePeriod;
import dev.switchboard.domain.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator over a real spool directory, with a clock the test moves. */
class SampleGeneratorServiceTest {

    @TempDir
    Path dir;

    private final Instant start = Instant.parse("2020-07-24T10:56:00Z"); // period 26593136
    private MutableClock clock;
    private FileSpool spool;
    private SampleGeneratorService generator;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(start.plusMillis(250));
        spool = FileSpool.open(dir);
        generator = new SampleGeneratorService(spool, Rotation.MINUTE, SamplePeriod.ofMillis(1000), clock,
                new SplittableRandom(7));
    }

    private List<String> records(String file) throws IOException {
        return Files.readAllLines(dir.resolve(file), StandardCharsets.US_ASCII);
    }

    @Test
    void givenTheFirstSampleOfAPeriod_whenWritten_thenLockAndDataExistAndTheRecordIsWhole() throws IOException {
        Duration gap = generator.writeSample();

        assertThat(dir.resolve("26593136.dat.lock")).exists();
        assertThat(records("26593136.dat")).singleElement().satisfies(line -> {
            Sample sample = Sample.parse(line);
            assertThat(sample.value()).isBetween(0, 9);
            assertThat(sample.instant()).isEqualTo(start.plusMillis(250));
        });
        assertThat(gap).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
        assertThat(Files.readString(dir.resolve("26593136.dat"))).endsWith("\n");
    }

    @Test
    void givenAnOpenPeriod_whenSealIsRunBeforeItsEnd_thenTheLockStays_andAtTheEndExactlyItGoes() {
        generator.writeSample();
        clock.set(start.plusSeconds(60).minusNanos(1));

        assertThat(generator.sealIfOver()).contains(start.plusSeconds(60));
        assertThat(dir.resolve("26593136.dat.lock")).exists();
        assertThat(spool.list().ready()).isEmpty();

        clock.set(start.plusSeconds(60));
        assertThat(generator.sealIfOver()).isEmpty();
        assertThat(dir.resolve("26593136.dat.lock")).doesNotExist();
        assertThat(spool.list().ready()).containsExactly(26593136L);
    }

    @Test
    void givenSamplesAcrossAPeriodEnd_whenWritten_thenEachGoesToTheFileOfItsTime_andTheOldFileIsSealedFirst()
            throws IOException {
        generator.writeSample();
        clock.set(start.plusSeconds(59));
        generator.writeSample();
        clock.set(start.plusSeconds(61)); // the seal timer was late: the next sample seals first
        generator.writeSample();

        assertThat(records("26593136.dat")).hasSize(2);
        assertThat(records("26593137.dat")).singleElement()
                .satisfies(line -> assertThat(Sample.parse(line).instant()).isEqualTo(start.plusSeconds(61)));
        assertThat(dir.resolve("26593136.dat.lock")).doesNotExist();
        assertThat(dir.resolve("26593137.dat.lock")).exists();
        assertThat(spool.list().ready()).containsExactly(26593136L);
        assertThat(generator.samplesWritten()).isEqualTo(3);
    }

    @Test
    void givenARotationOfTwoSeconds_whenSamplingForSixSeconds_thenThreeFilesWithTheRightNames() {
        generator = new SampleGeneratorService(spool, Rotation.ofSeconds(2), SamplePeriod.ofMillis(100), clock,
                new SplittableRandom(3));
        clock.set(Instant.ofEpochSecond(1000));
        while (clock.instant().isBefore(Instant.ofEpochSecond(1006))) {
            Duration gap = generator.writeSample();
            clock.advance(gap);
            generator.sealIfOver();
        }
        generator.suspend();

        assertThat(spool.list().data()).containsExactly(500L, 501L, 502L);
        assertThat(spool.list().ready()).containsExactly(500L, 501L, 502L);
    }

    @Test
    void givenNoSampleYet_whenAPeriodStarts_thenNoLockExists() {
        clock.set(start.plusSeconds(30));

        assertThat(generator.sealIfOver()).isEmpty();
        assertThat(spool.list().locks()).isEmpty();
    }

    @Test
    void givenLocksLeftByACrash_whenRecovering_thenStaleLocksGoAndTheCurrentOneStays() throws IOException {
        Files.writeString(dir.resolve("26593130.dat"), "1 1\n");
        Files.createFile(dir.resolve("26593130.dat.lock")); // empty, as a crash leaves it
        Files.createFile(dir.resolve("26593135.dat.lock")); // a lock with no data
        Files.writeString(dir.resolve("26593136.dat"), "2 2\n");
        Files.createFile(dir.resolve("26593136.dat.lock")); // the current period: taken over

        List<Long> stale = generator.recoverStaleLocks();

        assertThat(stale).containsExactly(26593130L, 26593135L);
        assertThat(spool.list().locks()).containsExactly(26593136L);
        assertThat(spool.list().ready()).containsExactly(26593130L);

        generator.writeSample();
        clock.set(start.plusSeconds(60));
        generator.sealIfOver();
        assertThat(records("26593136.dat")).hasSize(2).first().isEqualTo("2 2");
    }

    @Test
    void givenAStopMidPeriod_whenSuspended_thenTheLockStays_butAfterThePeriodItIsSealed() {
        generator.writeSample();
        generator.suspend();
        assertThat(dir.resolve("26593136.dat.lock")).exists();

        SampleGeneratorService later = new SampleGeneratorService(spool, Rotation.MINUTE, SamplePeriod.ofMillis(1000),
                clock, new SplittableRandom(1));
        later.writeSample();
        clock.set(start.plusSeconds(90));
        later.suspend();
        assertThat(dir.resolve("26593136.dat.lock")).doesNotExist();
        assertThat(spool.list().ready()).containsExactly(26593136L);
    }
}
