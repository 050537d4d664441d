package dev.switchboard.bootstrap.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.adapter.in.schedule.collector.CollectorTimers;
import dev.switchboard.adapter.in.web.collector.SinkConfig;
import dev.switchboard.adapter.in.web.collector.SinkServer;
import dev.switchboard.adapter.out.http.collector.HttpBatchUploader;
import dev.switchboard.adapter.out.persistence.inmemory.collector.InMemoryReceiptStore;
import dev.switchboard.adapter.out.spool.collector.FileSpool;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.out.telemetry.SinkErrorKind;
import dev.switchboard.application.port.out.telemetry.SinkRequestKind;
import dev.switchboard.application.service.collector.DistributorService;
import dev.switchboard.application.service.collector.SampleGeneratorService;
import dev.switchboard.application.service.collector.SinkService;
import dev.switchboard.domain.collector.Receipt;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.Sample;
import dev.switchboard.domain.collector.SamplePeriod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's timers with the real clock: a period is sealed at its end, not at the next sample. */
class CollectorTimersTest {

    @TempDir
    Path spoolDir;

    private SinkServer sink;
    private CollectorTimers collector;

    @AfterEach
    void tearDown() {
        if (collector != null) {
            collector.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    private boolean exists(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(suffix));
        }
    }

    /** Builds the component as the assembly does, with a seeded random; returns its generator. */
    private SampleGeneratorService startable(CollectorSettings settings) {
        FileSpool spool = FileSpool.open(settings.spoolDir());
        HttpBatchUploader uploader = new HttpBatchUploader(
                HttpBatchUploader.sinkUri(settings.sinkHost(), settings.sinkPort()),
                settings.connectTimeout(), settings.requestTimeout());
        Clock clock = Clock.systemUTC();
        SampleGeneratorService generator = new SampleGeneratorService(spool, settings.rotation(),
                settings.samplePeriod(), clock, new SplittableRandom(5));
        collector = new CollectorTimers(generator, new DistributorService(spool, uploader, clock), settings.schedule(),
                spool.describe(), uploader::target, clock, uploader);
        return generator;
    }

    @Test
    void givenARareSample_whenThePeriodEnds_thenTheLockGoesOnTime_andTheFileIsShippedAndDeleted() throws Exception {
        SinkService receipts = new SinkService(new InMemoryReceiptStore(), Clock.systemUTC());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        sink = new SinkServer(SinkConfig.of("127.0.0.1", 0), receipts,
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                MicrometerTelemetry.detached("sink", SinkRequestKind.class, SinkErrorKind.class));
        int port = sink.start().getPort();
        // one sample at start, the next one a minute or more later: only the timer can seal the period
        CollectorSettings settings = new CollectorSettings(spoolDir, "127.0.0.1", port, Duration.ofMillis(200),
                SamplePeriod.ofMillis(120_000), Rotation.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5));
        SampleGeneratorService generator = startable(settings);

        assertThat(collector.start()).singleElement().asString().contains("collector spooling to");

        await().atMost(Duration.ofSeconds(10)).until(() -> receipts.snapshot().receipts().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !exists(".dat") && !exists(".lock"));
        assertThat(generator.samplesWritten()).isEqualTo(1);
        Receipt receipt = receipts.snapshot().receipts().get(0);
        Sample sample = Sample.parse(printed.toString(StandardCharsets.UTF_8));
        assertThat(receipt.batchId().value()).isEqualTo(Rotation.ofSeconds(1).periodAt(sample.instant()).number() + ".dat");
        // the file was received within the period after its own, not a sample period later
        assertThat(Duration.between(sample.instant(), receipt.receivedAt())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void givenAStopMidPeriod_whenClosed_thenTheCurrentLockStaysAndNothingIsLost() throws Exception {
        CollectorSettings settings = new CollectorSettings(spoolDir, "127.0.0.1", 9, Duration.ofSeconds(60),
                SamplePeriod.ofMillis(120_000), Rotation.ofSeconds(3600), Duration.ofSeconds(1), Duration.ofSeconds(1));
        SampleGeneratorService generator = startable(settings);
        collector.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> generator.samplesWritten() == 1);

        collector.close();
        collector = null;

        assertThat(exists(".dat.lock")).isTrue();
        try (Stream<Path> files = Files.list(spoolDir)) {
            Path data = files.filter(p -> p.toString().endsWith(".dat")).findFirst().orElseThrow();
            assertThat(Files.readAllLines(data)).hasSize(1);
        }
    }
}
