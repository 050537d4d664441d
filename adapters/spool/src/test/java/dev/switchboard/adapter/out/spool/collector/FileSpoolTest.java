package dev.switchboard.adapter.out.spool.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.port.out.collector.SpoolException;
import dev.switchboard.application.port.out.collector.SpoolFile;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.SpoolListing;
import dev.switchboard.domain.collector.SpoolPeriod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSpoolTest {

    @TempDir
    Path root;

    private final SpoolPeriod period = Rotation.MINUTE.period(26593136);

    @Test
    void open_createsTheSpoolDirectoryAndTheLockBeforeAnyData() throws IOException {
        FileSpool spool = FileSpool.open(root.resolve("spool/nested"));

        try (SpoolFile file = spool.open(period)) {
            Path dir = spool.directory();
            assertThat(dir.resolve("26593136.dat.lock")).exists();
            assertThat(dir.resolve("26593136.dat")).isEmptyFile();
            file.append("3 1595588160000000000\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(spool.list().ready()).isEmpty();
            assertThat(spool.list().locks()).containsExactly(26593136L);
        }
    }

    @Test
    void open_whenTheLockCannotBeCreated_createsNoDataFile() throws IOException {
        FileSpool spool = FileSpool.open(root);
        Files.createDirectory(root.resolve("26593136.dat.lock"));
        Files.createFile(root.resolve("26593136.dat.lock/occupied"));

        assertThatThrownBy(() -> spool.open(period)).isInstanceOf(SpoolException.class);
        assertThat(root.resolve("26593136.dat")).doesNotExist();
    }

    @Test
    void seal_flushesClosesAndRemovesTheLock_leavingAReadyFile() {
        FileSpool spool = FileSpool.open(root);
        SpoolFile file = spool.open(period);
        file.append("1 10\n".getBytes(StandardCharsets.US_ASCII));
        file.append("2 20\n".getBytes(StandardCharsets.US_ASCII));

        file.seal();

        assertThat(root.resolve("26593136.dat.lock")).doesNotExist();
        assertThat(spool.list().ready()).containsExactly(26593136L);
        assertThat(spool.read(26593136)).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("1 10\n2 20\n"));
    }

    @Test
    void close_beforeThePeriodIsOver_keepsTheLock_andAReopenAppends() {
        FileSpool spool = FileSpool.open(root);
        SpoolFile first = spool.open(period);
        first.append("1 10\n".getBytes(StandardCharsets.US_ASCII));
        first.close();

        assertThat(root.resolve("26593136.dat.lock")).exists();
        SpoolFile again = spool.open(period);
        again.append("2 20\n".getBytes(StandardCharsets.US_ASCII));
        again.seal();

        assertThat(spool.read(26593136)).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("1 10\n2 20\n"));
    }

    @Test
    void list_ignoresOtherNamesDirectoriesAndLinks_andDeleteLeavesThemAlone() throws IOException {
        Path outside = Files.writeString(root.resolve("outside.txt"), "secret\n");
        Path spoolDir = Files.createDirectories(root.resolve("spool"));
        Files.writeString(spoolDir.resolve("notes.txt"), "mine\n");
        Files.writeString(spoolDir.resolve("007.dat"), "not canonical\n");
        Files.writeString(spoolDir.resolve("5.dat.tmp"), "partial\n");
        Files.createDirectory(spoolDir.resolve("6.dat"));
        Files.createSymbolicLink(spoolDir.resolve("7.dat"), outside);
        Files.writeString(spoolDir.resolve("8.dat"), "8 1\n");
        FileSpool spool = FileSpool.open(spoolDir);

        SpoolListing listing = spool.list();
        spool.delete(7);
        spool.delete(6);

        assertThat(listing.ready()).containsExactly(8L);
        assertThat(listing.locks()).isEmpty();
        assertThat(spoolDir.resolve("notes.txt")).exists();
        assertThat(spoolDir.resolve("007.dat")).exists();
        assertThat(spoolDir.resolve("5.dat.tmp")).exists();
        assertThat(spoolDir.resolve("6.dat")).isDirectory();
        assertThat(Files.isSymbolicLink(spoolDir.resolve("7.dat"))).isTrue();
        assertThat(outside).hasContent("secret");
    }

    @Test
    void read_neitherFollowsALinkNorFindsAVanishedFile() throws IOException {
        Path outside = Files.writeString(root.resolve("outside.txt"), "secret\n");
        Path spoolDir = Files.createDirectories(root.resolve("spool"));
        Files.createSymbolicLink(spoolDir.resolve("7.dat"), outside);
        FileSpool spool = FileSpool.open(spoolDir);

        assertThatThrownBy(() -> spool.read(7)).isInstanceOf(SpoolException.class);
        assertThat(spool.read(9)).isEmpty();
    }

    @Test
    void deleteAndRemoveLock_removeOnlyThatPeriodsFiles() throws IOException {
        FileSpool spool = FileSpool.open(root);
        Files.writeString(root.resolve("1.dat"), "x");
        Files.writeString(root.resolve("1.dat.lock"), "");
        Files.writeString(root.resolve("2.dat"), "y");

        spool.removeLock(1);
        spool.delete(1);
        spool.delete(3);

        assertThat(root.resolve("1.dat")).doesNotExist();
        assertThat(root.resolve("1.dat.lock")).doesNotExist();
        assertThat(root.resolve("2.dat")).exists();
    }

    @Test
    void reject_movesTheFileIntoRejected_whereItIsKept_neitherListedNorReadAgain() throws IOException {
        FileSpool spool = FileSpool.open(root);
        Files.writeString(root.resolve("7.dat"), "1 1\n");
        Files.writeString(root.resolve("8.dat"), "2 2\n");

        spool.reject(7);

        assertThat(root.resolve("7.dat")).doesNotExist();
        assertThat(root.resolve("rejected/7.dat")).hasContent("1 1");
        assertThat(spool.list().ready()).containsExactly(8L);
        assertThat(spool.read(7)).isEmpty();
        assertThat(spool.rejectedCount()).isEqualTo(1);
    }

    @Test
    void reject_samePeriodTwice_keepsBothFiles() throws IOException {
        FileSpool spool = FileSpool.open(root);
        Files.writeString(root.resolve("7.dat"), "first\n");
        spool.reject(7);
        Files.writeString(root.resolve("7.dat"), "second\n");

        spool.reject(7);

        assertThat(spool.rejectedCount()).isEqualTo(2);
        assertThat(spool.list().ready()).isEmpty();
    }

    @Test
    void rejectedCount_withoutTheFolder_isZero() {
        assertThat(FileSpool.open(root).rejectedCount()).isZero();
    }

    @Test
    void read_returnsTheWholeFile_byteForByte() throws IOException {
        FileSpool spool = FileSpool.open(root);
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('0' + i % 10);
        }
        Files.write(root.resolve("9.dat"), big);

        assertThat(spool.read(9)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(big));
    }
}
