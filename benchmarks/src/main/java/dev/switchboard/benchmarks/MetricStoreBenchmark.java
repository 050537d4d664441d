package dev.switchboard.benchmarks;

import dev.switchboard.adapter.out.persistence.inmemory.metrics.InMemoryMetricStore;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.metrics.JdbcMetricStore;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each metric store saving the batch of one read (16 puts over 16 keys, timestamps increasing,
 * as {@code bench metrics} sends them); time per point. H2 waits for each batch's commit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetricStoreBenchmark {

    private static final int BATCH = 16;

    @Param({"memory", "h2"})
    public String store;

    private MetricStore target;
    private Path dir;
    private final MetricKey[] keys = new MetricKey[BATCH];
    private long timestamp = 1_700_000_000L;

    @Setup(Level.Trial)
    public void open() throws IOException {
        for (int i = 0; i < BATCH; i++) {
            keys[i] = MetricKey.of("bench.c0.k" + i);
        }
        if (store.equals("h2")) {
            dir = Files.createTempDirectory("switchboard-jmh");
            target = new JdbcMetricStore(JdbcDatabase.h2File(dir.resolve("metrics")));
        } else {
            target = new InMemoryMetricStore();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (target instanceof JdbcMetricStore jdbc) {
            jdbc.close();
        }
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void saveOneReadsBatch() throws Exception {
        MetricBatch batch = new MetricBatch(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(keys[i], timestamp % 1000 + 0.5, timestamp);
        }
        timestamp++;
        target.save(batch).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
