package dev.switchboard.application.service.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;

import dev.switchboard.application.port.in.collector.CollectorStatus;
import dev.switchboard.application.port.in.collector.DistributionReport;
import dev.switchboard.application.port.in.collector.GenerateSamplesUseCase;
import dev.switchboard.application.port.out.collector.BatchUploadPort;
import dev.switchboard.application.port.out.collector.Spool;
import dev.switchboard.application.port.out.collector.UploadResult;
import dev.switchboard.domain.collector.SpoolListing;
import dev.switchboard.domain.collector.SpoolName;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * The collector's status ({@code GET /api/collector}) through the real distributor: it must
 * never wait for a run's uploads. Guards against a lock held across the upload port coming back.
 */
@ExtendWith(MockitoExtension.class)
class CollectorStatusServiceTest {

    @Mock
    Spool spool;
    @Mock
    BatchUploadPort uploader;
    @Mock
    GenerateSamplesUseCase generator;

    @Test
    void whileUploadsOfARunAreInFlight_theStatusAnswers_withTheCountsBeforeTheRun() throws Exception {
        when(spool.list()).thenReturn(SpoolListing.of(List.of(SpoolName.data(1), SpoolName.data(2))));
        when(spool.read(anyLong())).thenReturn(Optional.of("1 5\n".getBytes()));
        when(uploader.target()).thenReturn("http://127.0.0.1:1/batches");
        CountDownLatch bothUploading = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        when(uploader.upload(any(), any())).thenAnswer(call -> {
            bothUploading.countDown();
            // bounded: a status that never returned fails below, and this lets the run end anyway
            release.await(30, TimeUnit.SECONDS);
            return UploadResult.delivered(200);
        });
        ExecutorService uploads = Executors.newFixedThreadPool(2);
        try {
            DistributorService distributor = new DistributorService(spool, uploader,
                    Clock.fixed(Instant.parse("2026-11-22T10:15:00Z"), ZoneOffset.UTC), uploads, 2);
            CollectorStatusService status = new CollectorStatusService(spool, distributor, generator);
            CompletableFuture<DistributionReport> run = CompletableFuture.supplyAsync(distributor::distributeOnce);
            try {
                assertThat(bothUploading.await(10, TimeUnit.SECONDS)).isTrue();

                CompletableFuture<CollectorStatus> read = CompletableFuture.supplyAsync(status::status);
                CollectorStatus during = read.get(10, TimeUnit.SECONDS);
                assertThat(run).isNotDone();
                assertThat(during.sent()).isZero();
                assertThat(during.runs()).isZero();
                assertThat(during.pending()).isEqualTo(2);
            } finally {
                release.countDown();
            }
            assertThat(run.get(10, TimeUnit.SECONDS).shipped()).hasSize(2);
            assertThat(status.status().sent()).isEqualTo(2);
            assertThat(status.status().runs()).isEqualTo(1);
        } finally {
            uploads.shutdownNow();
        }
    }
}
