package dev.switchboard.application.service.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.switchboard.application.port.in.collector.DistributionReport;
import dev.switchboard.application.port.in.collector.DistributionStats;
import dev.switchboard.application.port.out.collector.BatchUploadPort;
import dev.switchboard.application.port.out.collector.Spool;
import dev.switchboard.application.port.out.collector.SpoolException;
import dev.switchboard.application.port.out.collector.UploadResult;
import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.SpoolListing;
import dev.switchboard.domain.collector.SpoolName;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.Mockito;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class DistributorServiceTest {

    @Mock
    Spool spool;
    @Mock
    BatchUploadPort uploader;
    DistributorService distributor;

    @BeforeEach
    void setUp() {
        distributor = new DistributorService(spool, uploader,
                Clock.fixed(Instant.parse("2026-11-22T10:15:00Z"), ZoneOffset.UTC));
    }

    private void spoolHolds(SpoolName... names) {
        when(spool.list()).thenReturn(SpoolListing.of(List.of(names)));
    }

    @Test
    void whileAnUploadHangs_theCountersStillAnswer() throws Exception {
        spoolHolds(SpoolName.data(1));
        when(spool.read(1)).thenReturn(Optional.of("1 5\n".getBytes()));
        CountDownLatch uploading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(uploader.upload(any(), any())).thenAnswer(call -> {
            uploading.countDown();
            release.await();
            return UploadResult.delivered(200);
        });
        CompletableFuture<DistributionReport> run = CompletableFuture.supplyAsync(distributor::distributeOnce);
        try {
            assertThat(uploading.await(10, TimeUnit.SECONDS)).isTrue();

            // the status read completes while the run is still inside its upload
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> distributor.stats().runs());
            assertThat(read.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(run).isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(run.get(10, TimeUnit.SECONDS).shipped()).hasSize(1);
        assertThat(distributor.stats().runs()).isEqualTo(1);
    }

    @Test
    void eachShippedFileIsToldAsItShips_afterItsDelete_andOnlyFilesTheSinkTook() {
        spoolHolds(SpoolName.data(1), SpoolName.data(2), SpoolName.data(3));
        when(spool.read(anyLong())).thenAnswer(call -> Optional.of(("x " + call.getArgument(0) + "\n").getBytes()));
        when(uploader.upload(eq(BatchId.of("1.dat")), any())).thenReturn(UploadResult.delivered(200));
        when(uploader.upload(eq(BatchId.of("2.dat")), any())).thenReturn(UploadResult.failed("HTTP 503"));
        List<String> told = new CopyOnWriteArrayList<>();

        DistributionReport report = distributor.distributeOnce(shipped -> {
            // told only once the file is gone from the spool
            verify(spool).delete(1);
            told.add(shipped.file() + " " + shipped.bytes());
        });

        assertThat(told).containsExactly("1.dat 4");
        assertThat(report.shipped()).extracting(DistributionReport.Shipped::file).containsExactly("1.dat");
        verify(spool, never()).delete(2);
        verify(spool, never()).read(3);
    }

    @Test
    void aListenerThatThrows_neitherStopsTheRunNorUndoesTheShipping() {
        spoolHolds(SpoolName.data(1), SpoolName.data(2));
        when(spool.read(anyLong())).thenReturn(Optional.of("1 5\n".getBytes()));
        when(uploader.upload(any(), any())).thenReturn(UploadResult.delivered(200));

        DistributionReport report = distributor.distributeOnce(shipped -> {
            throw new IllegalStateException("log full");
        });

        assertThat(report.shipped()).extracting(DistributionReport.Shipped::file).containsExactly("1.dat", "2.dat");
        verify(spool).delete(1);
        verify(spool).delete(2);
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("log full"));
    }

    @Test
    void givenReadyFiles_whenTheSinkTakesThem_thenEachIsSentUnderItsNameAndDeletedAfterwards() {
        spoolHolds(SpoolName.data(2), SpoolName.data(1), SpoolName.data(3), SpoolName.lock(3));
        when(spool.read(1)).thenReturn(Optional.of("1 5\n".getBytes()));
        when(spool.read(2)).thenReturn(Optional.of("2 6\n".getBytes()));
        when(uploader.upload(any(), any())).thenReturn(UploadResult.delivered(200));

        DistributionReport report = distributor.distributeOnce();

        InOrder order = Mockito.inOrder(uploader, spool);
        order.verify(uploader).upload(eq(BatchId.of("1.dat")), eq("1 5\n".getBytes()));
        order.verify(spool).delete(1);
        order.verify(uploader).upload(eq(BatchId.of("2.dat")), eq("2 6\n".getBytes()));
        order.verify(spool).delete(2);
        verify(spool, never()).read(3);
        assertThat(report.shipped()).extracting(DistributionReport.Shipped::file).containsExactly("1.dat", "2.dat");
        assertThat(report.left()).isZero();
        assertThat(report.failure()).isEmpty();
        assertThat(distributor.stats().sent()).isEqualTo(2);
        assertThat(distributor.stats().lastError()).isNull();
    }

    @Test
    void givenTheSinkRefuses_whenARunShips_thenNothingIsDeleted_theRunStops_andTheFailureCountsWhatIsLeft() {
        spoolHolds(SpoolName.data(1), SpoolName.data(2), SpoolName.data(3));
        when(spool.read(1)).thenReturn(Optional.of("1 5\n".getBytes()));
        when(uploader.upload(any(), any())).thenReturn(UploadResult.failed("HTTP 500"));

        DistributionReport report = distributor.distributeOnce();

        verify(spool, never()).delete(anyLong());
        verify(uploader).upload(any(), any());
        assertThat(report.shipped()).isEmpty();
        assertThat(report.left()).isEqualTo(3);
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("1.dat").contains("HTTP 500"));
        DistributionStats counters = distributor.stats();
        assertThat(counters.failures()).isEqualTo(1);
        assertThat(counters.lastError()).contains("HTTP 500");
        assertThat(counters.lastRunAt()).isEqualTo(Instant.parse("2026-11-22T10:15:00Z"));
    }

    @Test
    void givenAFailureMidRun_whenTheNextRunSucceeds_thenLastErrorIsClearedAndTheRestShips() {
        spoolHolds(SpoolName.data(1), SpoolName.data(2));
        when(spool.read(1)).thenReturn(Optional.of("a\n".getBytes()));
        when(spool.read(2)).thenReturn(Optional.of("b\n".getBytes()));
        when(uploader.upload(eq(BatchId.of("1.dat")), any())).thenReturn(UploadResult.delivered(200));
        when(uploader.upload(eq(BatchId.of("2.dat")), any()))
                .thenReturn(UploadResult.failed("timed out"), UploadResult.delivered(204));

        DistributionReport first = distributor.distributeOnce();
        spoolHolds(SpoolName.data(2));
        DistributionReport second = distributor.distributeOnce();

        assertThat(first.shipped()).hasSize(1);
        assertThat(first.left()).isEqualTo(1);
        assertThat(second.shipped()).extracting(DistributionReport.Shipped::file).containsExactly("2.dat");
        assertThat(second.failure()).isEmpty();
        assertThat(distributor.stats().lastError()).isNull();
        assertThat(distributor.stats().sent()).isEqualTo(2);
        assertThat(distributor.stats().failures()).isEqualTo(1);
    }

    @Test
    void givenAnUnreadableFile_whenARunShips_thenItIsKeptAndTheOthersStillGo() {
        spoolHolds(SpoolName.data(1), SpoolName.data(2));
        when(spool.read(1)).thenThrow(new SpoolException("cannot read 1.dat", null));
        when(spool.read(2)).thenReturn(Optional.of("b\n".getBytes()));
        when(uploader.upload(any(), any())).thenReturn(UploadResult.delivered(200));

        DistributionReport report = distributor.distributeOnce();

        verify(spool, never()).delete(1);
        verify(spool).delete(2);
        assertThat(report.left()).isEqualTo(1);
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("cannot read 1.dat"));
    }

    @Test
    void givenAFileThatVanished_whenARunShips_thenItIsSkippedWithoutAnUpload() {
        spoolHolds(SpoolName.data(1));
        when(spool.read(1)).thenReturn(Optional.empty());

        DistributionReport report = distributor.distributeOnce();

        verify(uploader, never()).upload(any(), any());
        assertThat(report.shipped()).isEmpty();
        assertThat(report.failure()).isEmpty();
    }

    @Test
    void givenAFileTheSinkRefusesForGood_whenARunShips_thenItIsMovedAside_countedAndTheRunGoesOn() {
        spoolHolds(SpoolName.data(1), SpoolName.data(2));
        when(spool.read(1)).thenReturn(Optional.of("big\n".getBytes()));
        when(spool.read(2)).thenReturn(Optional.of("b\n".getBytes()));
        when(uploader.upload(eq(BatchId.of("1.dat")), any())).thenReturn(UploadResult.rejected("HTTP 413 (too large)"));
        when(uploader.upload(eq(BatchId.of("2.dat")), any())).thenReturn(UploadResult.delivered(200));

        DistributionReport report = distributor.distributeOnce();

        verify(spool).reject(1);
        verify(spool, never()).delete(1);
        verify(spool).delete(2);
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo("1.dat");
            assertThat(r.reason()).contains("413");
        });
        assertThat(report.shipped()).extracting(DistributionReport.Shipped::file).containsExactly("2.dat");
        assertThat(report.left()).isZero();
        assertThat(distributor.stats().rejected()).isEqualTo(1);
        assertThat(distributor.stats().failures()).isZero();
    }

    /** An uploader that holds every upload until {@code width} are in flight at once, then lets them all go. */
    static final class GatheringUploader implements BatchUploadPort {
        final CountDownLatch gathered;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final Set<String> failing = ConcurrentHashMap.newKeySet();
        final List<String> uploaded = new CopyOnWriteArrayList<>();

        GatheringUploader(int width) {
            this.gathered = new CountDownLatch(width);
        }

        @Override
        public UploadResult upload(BatchId batchId, byte[] body) {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            gathered.countDown();
            try {
                if (!gathered.await(10, TimeUnit.SECONDS)) {
                    return UploadResult.failed("never gathered");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return UploadResult.failed("interrupted");
            } finally {
                inFlight.decrementAndGet();
            }
            uploaded.add(batchId.value());
            return failing.contains(batchId.value()) ? UploadResult.failed("HTTP 500") : UploadResult.delivered(200);
        }

        @Override
        public String target() {
            return "test";
        }
    }

    @Test
    void givenSeveralUploadsAllowed_whenARunShips_thenThatManyGoAtOnce_andEachFileIsDeletedAfterItsOwn2xx()
            throws Exception {
        spoolHolds(SpoolName.data(1), SpoolName.data(2), SpoolName.data(3), SpoolName.data(4), SpoolName.data(5));
        for (long p = 1; p <= 5; p++) {
            when(spool.read(p)).thenReturn(Optional.of((p + " 1\n").getBytes()));
        }
        GatheringUploader gathering = new GatheringUploader(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            DistributorService parallel = new DistributorService(spool, gathering, Clock.systemUTC(), pool, 4);

            DistributionReport report = parallel.distributeOnce();

            assertThat(gathering.most.get()).isEqualTo(4);
            assertThat(report.shipped()).extracting(DistributionReport.Shipped::file)
                    .containsExactlyInAnyOrder("1.dat", "2.dat", "3.dat", "4.dat", "5.dat");
            for (long p = 1; p <= 5; p++) {
                verify(spool).delete(p);
            }
            assertThat(report.left()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenAFailureAmongUploadsInFlight_whenARunShips_thenOnlyTheDeliveredAreDeleted_andNoMoreStart()
            throws Exception {
        spoolHolds(SpoolName.data(1), SpoolName.data(2), SpoolName.data(3), SpoolName.data(4), SpoolName.data(5),
                SpoolName.data(6));
        for (long p = 1; p <= 6; p++) {
            lenient().when(spool.read(p)).thenReturn(Optional.of((p + " 1\n").getBytes()));
        }
        // 1.dat and 2.dat in flight together; 1.dat fails, and 2.dat is answered only once 1.dat's
        // upload task has ended (its failure told to the run), so the slot 2.dat frees is the first
        // chance to start a third upload: the run must not take it
        CountDownLatch bothInFlight = new CountDownLatch(1);
        CountDownLatch firstTaskEnded = new CountDownLatch(1);
        List<String> uploaded = new CopyOnWriteArrayList<>();
        BatchUploadPort uploader = new BatchUploadPort() {
            @Override
            public UploadResult upload(BatchId batchId, byte[] body) {
                uploaded.add(batchId.value());
                try {
                    if (batchId.value().equals("1.dat")) {
                        return bothInFlight.await(10, TimeUnit.SECONDS)
                                ? UploadResult.failed("HTTP 500") : UploadResult.failed("never in flight together");
                    }
                    bothInFlight.countDown();
                    return firstTaskEnded.await(10, TimeUnit.SECONDS)
                            ? UploadResult.delivered(200) : UploadResult.failed("the first upload never ended");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return UploadResult.failed("interrupted");
                }
            }

            @Override
            public String target() {
                return "test";
            }
        };
        AtomicInteger tasks = new AtomicInteger();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Executor threadPerUpload = task -> {
            boolean first = tasks.incrementAndGet() == 1;
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } finally {
                    if (first) {
                        firstTaskEnded.countDown();
                    }
                }
            }, "upload-" + tasks.get());
            threads.add(thread);
            thread.start();
        };
        DistributorService parallel = new DistributorService(spool, uploader, Clock.systemUTC(), threadPerUpload, 2);

        DistributionReport report = parallel.distributeOnce();

        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(uploaded).as("no upload starts once one failed").containsExactlyInAnyOrder("1.dat", "2.dat");
        verify(spool, never()).delete(1);
        verify(spool).delete(2);
        assertThat(report.shipped()).extracting(DistributionReport.Shipped::file).containsExactly("2.dat");
        // the failed one, plus every file not started after it
        assertThat(report.left()).isEqualTo(5);
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("1.dat: HTTP 500"));
    }
}
