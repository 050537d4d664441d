package dev.switchboard.adapter.out.persistence.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.metrics.JdbcMetricStore;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcMetricStoreTest extends MetricStoreContractTest {

    @TempDir
    Path dir;

    private JdbcMetricStore store;

    @BeforeEach
    void setUp() {
        store = new JdbcMetricStore(JdbcDatabase.h2File(dir.resolve("metrics")));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Override
    protected MetricStore store() {
        return store;
    }

    @Test
    void everyAcknowledgedPointIsBackAfterReopeningTheFile() throws Exception {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            acks.add(store.save(MetricPoint.of("k" + (i % 7), i * 0.5, i)).toCompletableFuture());
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        List<MetricPoint> before = store.find(MetricQuery.all());
        store.close();
        assertThat(Files.exists(dir.resolve("metrics.mv.db"))).isTrue();

        store = new JdbcMetricStore(JdbcDatabase.h2File(dir.resolve("metrics")));

        assertThat(store.count()).isEqualTo(2_000);
        assertThat(store.find(MetricQuery.all())).isEqualTo(before);
    }

    @Test
    void saveAfterCloseFailsInsteadOfBeingLost() {
        store.close();
        assertThat(store.save(MetricPoint.of("late", 1, 1)).toCompletableFuture()).isCompletedExceptionally();
    }
}
