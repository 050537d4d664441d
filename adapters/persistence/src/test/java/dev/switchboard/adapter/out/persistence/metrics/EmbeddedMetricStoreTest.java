package dev.switchboard.adapter.out.persistence.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.metrics.EmbeddedMetricStore;
import dev.switchboard.adapter.out.persistence.jdbc.metrics.JdbcMetricStore;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.retention.Aggregation;
import dev.switchboard.domain.metrics.retention.Retention;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store of {@code --storage h2}: served from memory, durable as a log in a real H2 file. */
class EmbeddedMetricStoreTest extends MetricStoreContractTest {

    @TempDir
    Path dir;

    private JdbcDatabase database;
    private EmbeddedMetricStore store;

    @BeforeEach
    void setUp() {
        database = JdbcDatabase.h2File(dir.resolve("metrics"));
        store = new EmbeddedMetricStore(database);
    }

    @AfterEach
    void tearDown() {
        store.close();
        database.close();
    }

    @Override
    protected MetricStore store() {
        return store;
    }

    /** Closes the store and the file, then opens both again, as a restart does. */
    private void reopen(long compactSlack) {
        store.close();
        database.close();
        database = JdbcDatabase.h2File(dir.resolve("metrics"));
        store = new EmbeddedMetricStore(database, compactSlack);
    }

    private long rows(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitAll(List<CompletableFuture<Void>> acks) throws Exception {
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyAcknowledgedPointIsBackAfterReopeningWithOverwritesKept() throws Exception {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // every third put overwrites an earlier (key, timestamp) with a new value
            long ts = i % 3 == 2 ? i - 2 : i;
            acks.add(store.save(MetricPoint.of("k" + (ts % 7), i * 0.25, ts)).toCompletableFuture());
        }
        awaitAll(acks);
        List<MetricPoint> before = store.find(MetricQuery.all());
        assertThat(store.count()).isEqualTo(2_000);

        reopen(EmbeddedMetricStore.DEFAULT_COMPACT_SLACK);

        assertThat(store.count()).isEqualTo(2_000);
        assertThat(store.find(MetricQuery.all())).isEqualTo(before);
        assertThat(rows("SELECT COUNT(*) FROM metric_point")).isZero();
    }

    @Test
    void aPutIsReadableOnceItsSaveCompletes() throws Exception {
        for (int i = 0; i < 200; i++) {
            MetricBatch batch = MetricBatch.of(MetricPoint.of("own", i, i), MetricPoint.of("own", -i, i));
            store.save(batch).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(store.range(MetricKey.of("own"), i, i).points()).containsExactly(MetricPoint.of("own", -i, i));
            assertThat(store.count()).isEqualTo(i + 1);
        }
    }

    @Test
    void aRollUpIsDurableAndReplayedInItsPlaceAmongTheSaves() throws Exception {
        long[] ts = {650, 720, 730, 779, 880, 890, 900, 940, 945, 995, 1000, 1003};
        for (int i = 0; i < ts.length; i++) {
            save(MetricPoint.of("r", i + 1, ts[i]));
        }
        Retention retention = Retention.parse("10s:1m,1m:5m", Aggregation.SUM);
        assertThat(store.rollUp(retention, 1000)).isEqualTo(5);
        // after the roll-up: a point into a rolled-up slot stays as put until the next one
        save(MetricPoint.of("r", 100, 945));
        List<MetricPoint> before = store.find(MetricQuery.all());

        reopen(EmbeddedMetricStore.DEFAULT_COMPACT_SLACK);

        assertThat(store.find(MetricQuery.all())).isEqualTo(before);
        assertThat(store.count()).isEqualTo(8);
        assertThat(store.range(MetricKey.of("r"), 940, 949).points())
                .containsExactly(MetricPoint.of("r", 8 + 9, 940), MetricPoint.of("r", 100, 945));
    }

    @Test
    void aLargeLogIsCompactedToTheLivePointsAndStillRestartsExactly() throws Exception {
        reopen(100);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int k = 0; k < 10; k++) {
                // the same 50 (key, timestamp) pairs, rewritten each round
                MetricBatch batch = new MetricBatch(5);
                for (int t = 0; t < 5; t++) {
                    batch.add(MetricKey.of("c" + k), round * 1000 + k * 10 + t, t);
                }
                acks.add(store.save(batch).toCompletableFuture());
            }
            awaitAll(acks);
        }
        Retention retention = Retention.parse("1s:1000s", Aggregation.LAST);
        store.rollUp(retention, 1003); // drops timestamp 0, 1 and 2 of every key
        save(MetricPoint.of("after", 1, 1));
        List<MetricPoint> before = store.find(MetricQuery.all());
        assertThat(before).hasSize(21);

        reopen(100);

        assertThat(store.find(MetricQuery.all())).isEqualTo(before);
        // 20 rounds of 50 points were logged; what the log holds now is bounded by the slack
        long logged = 0;
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT entry FROM metric_log")) {
            while (rs.next()) {
                logged += rs.getBytes(1).length / 16;
            }
        }
        assertThat(logged).isLessThanOrEqualTo(2 * 21 + 100 + 50);
    }

    @Test
    void pointsKeptInTheTableOfOlderVersionsAreLoadedAndKept() throws Exception {
        store.close();
        JdbcMetricStore older = new JdbcMetricStore(database);
        older.save(MetricBatch.of(MetricPoint.of("old", 1.5, 10), MetricPoint.of("old", 2.5, 20)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        older.close();
        store = new EmbeddedMetricStore(database);

        assertThat(store.find(MetricQuery.all()))
                .containsExactly(MetricPoint.of("old", 1.5, 10), MetricPoint.of("old", 2.5, 20));
        // the old rows moved into the log at the start
        assertThat(rows("SELECT COUNT(*) FROM metric_point")).isZero();
        save(MetricPoint.of("old", 9, 20), MetricPoint.of("new", 1, 1));
        reopen(EmbeddedMetricStore.DEFAULT_COMPACT_SLACK);

        assertThat(rows("SELECT COUNT(*) FROM metric_point")).isZero();
        assertThat(store.find(MetricQuery.all())).containsExactly(MetricPoint.of("new", 1, 1),
                MetricPoint.of("old", 1.5, 10), MetricPoint.of("old", 9, 20));
    }

    @Test
    void saveAfterCloseFailsInsteadOfBeingLost() {
        store.close();
        assertThat(store.save(MetricPoint.of("late", 1, 1)).toCompletableFuture()).isCompletedExceptionally();
        assertThat(store.count()).isZero();
    }
}
